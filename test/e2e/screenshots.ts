/**
 * npm run screenshots — the README's pictures, taken from the tracker running on the demo data
 * (npm run db:seed) in Debian's Chromium: the dashboard, the log-a-meeting form and the follow-ups on a
 * phone, and an import preview. Saved as PNG files in .github/images/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, signIn, LAPTOP, PHONE } from './browser';
import { startDemoTracker, DemoTracker } from './demo';

const OUT = path.join(__dirname, '..', '..', '.github', 'images');
/** The October 2021 export: the by-elections below are seats of that Parliament. */
const COMMONS_2021_FILE = path.join(__dirname, '..', '..', 'data', 'house-of-commons-mps-2021-10.csv');

/**
 * The Commons list as a later export shows it after three real by-elections (Mississauga—Lakeshore
 * 2022, Winnipeg South Centre and Oxford 2023): the preview then has seats changing hands.
 */
function laterCommonsExport(): Buffer {
  const byElections: [string, string][] = [
    [',Sven,Spengemann,Mississauga—Lakeshore,Ontario,Liberal,2021-09-20 12:00:00 AM,', ',Charles,Sousa,Mississauga—Lakeshore,Ontario,Liberal,2022-12-12 12:00:00 AM,'],
    ['Hon.,Jim,Carr,Winnipeg South Centre,Manitoba,Liberal,2021-09-20 12:00:00 AM,', ',Ben,Carr,Winnipeg South Centre,Manitoba,Liberal,2023-06-19 12:00:00 AM,'],
    [',Dave,MacKenzie,Oxford,Ontario,Conservative,2021-09-20 12:00:00 AM,', ',Arpan,Khanna,Oxford,Ontario,Conservative,2023-06-19 12:00:00 AM,'],
  ];
  let text = fs.readFileSync(COMMONS_2021_FILE, 'utf8');
  for (const [before, after] of byElections) {
    if (!text.includes(before)) throw new Error(`The Commons file no longer has: ${before}`);
    text = text.replace(before, after);
  }
  return Buffer.from(text, 'utf8');
}

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(OUT, name), fullPage, animations: 'disabled' });
  console.log(`  .github/images/${name}`);
}

async function dashboard(browser: Browser, demo: DemoTracker): Promise<void> {
  const context = await newContext(browser, { width: LAPTOP.width, height: 1270 }); // the figures and the charts
  const page = await context.newPage();
  await signIn(page, demo.server.url, demo.users.coordinator.email, demo.users.coordinator.password);
  await page.goto(`${demo.server.url}/dashboard`);
  await page.waitForSelector('canvas');
  await page.waitForTimeout(500); // the charts draw after load
  await shoot(page, 'dashboard.png');
  await context.close();
}

async function logMeetingForm(browser: Browser, demo: DemoTracker): Promise<void> {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await signIn(page, demo.server.url, demo.users.member.email, demo.users.member.password);
  await page.goto(`${demo.server.url}/meetings/new`);
  await page.getByLabel('Find the official').fill('toronto cent');
  await page.waitForSelector('#official-choices input[type=radio]:checked'); // the only match is picked
  await page.getByLabel('Stance after the meeting').selectOption('supportive');
  await page.locator('main h1').scrollIntoViewIfNeeded();
  await shoot(page, 'log-a-meeting.png');
  await context.close();
}

async function followUpsOnAPhone(browser: Browser, demo: DemoTracker): Promise<void> {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await signIn(page, demo.server.url, demo.users.member.email, demo.users.member.password);
  await page.goto(`${demo.server.url}/follow-ups`);
  await shoot(page, 'follow-ups-phone.png');
  await context.close();
}

async function importPreview(browser: Browser, demo: DemoTracker): Promise<void> {
  const context = await newContext(browser, { width: LAPTOP.width, height: 940 });
  const page = await context.newPage();
  await signIn(page, demo.server.url, demo.users.coordinator.email, demo.users.coordinator.password);
  await page.goto(`${demo.server.url}/officials/imports`);
  await page.getByLabel('CSV file').setInputFiles({ name: 'house-of-commons-mps-after-by-elections.csv', mimeType: 'text/csv', buffer: laterCommonsExport() });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await page.waitForURL(/\/officials\/imports\/\d+$/);
  await shoot(page, 'import-preview.png');
  await context.close();
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const demo = await startDemoTracker();
  const browser = await launchBrowser();
  try {
    await dashboard(browser, demo);
    await importPreview(browser, demo);
    await logMeetingForm(browser, demo);
    await followUpsOnAPhone(browser, demo);
  } finally {
    await browser.close();
    await demo.server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
