import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { PASSWORD } from '../helpers/factories';
import { freshDataDir, startServer, RunningServer } from './server';
import { launchBrowser, newContext, axeViolations, scrollsSideways, signIn as signInWith, PHONE, LAPTOP } from './browser';

let server: RunningServer;
let browser: Browser;

/** The tracker's data folder with a member, a coordinator, two MPs and the default campaign, before it starts. */
function seededDataDir(): string {
  const dir = freshDataDir();
  execFileSync('npx', ['tsx', path.join(__dirname, 'seed-meetings.ts'), dir], { stdio: 'inherit' });
  return dir;
}

beforeAll(async () => {
  server = await startServer({ DATA_DIR: seededDataDir() }); // removed when it stops
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const signIn = (page: import('playwright-core').Page, email: string) => signInWith(page, server.url, email, PASSWORD);

test('on a phone, a member finds the MP by part of the riding, logs a held meeting with a stance, a commitment and a follow-up', async () => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await signIn(page, 'mona@example.org');
  await page.getByRole('link', { name: 'Log a meeting' }).first().click();
  await page.waitForURL(`${server.url}/meetings/new`);
  expect(await axeViolations(page)).toEqual([]);

  // Suggestions as you type: no Find button needed.
  await page.getByLabel('Find the official').fill('chateauguay');
  await page.getByLabel(/Brenda Shanahan/).check();
  await page.getByLabel('Stance after the meeting').selectOption('supportive');
  await page.getByLabel('Targeted, stable funding').check();
  await page.getByLabel('Will raise it in caucus').check();
  await page.getByLabel('Follow-up 1: what needs doing').fill('Send the costing brief');
  expect(await scrollsSideways(page)).toBe(false);
  await page.getByRole('button', { name: 'Save the meeting' }).click();

  await page.waitForURL(/\/meetings\/\d+$/);
  await expect(page.locator('.flash-success').textContent()).resolves
    .toContain('Held, stance: Supportive, commitments recorded, 1 follow-up.');
  expect(await axeViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);

  await page.goto(`${server.url}/follow-ups`);
  await expect(page.locator('main').textContent()).resolves.toContain('Send the costing brief');
  expect(await axeViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);
  await context.close();
});

test('without JavaScript, the Find button lists the officials and the meeting is saved the same way', async () => {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'mona@example.org');
  await page.goto(`${server.url}/meetings/new`);
  await page.getByText('Add notes').click();
  await page.getByLabel('Notes').fill('Typed before searching');
  await page.getByLabel('Find the official').fill('ottawa');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByLabel(/Otto Other/).check();
  await expect(page.getByLabel('Notes').inputValue()).resolves.toBe('Typed before searching');
  await page.getByLabel('Status').selectOption('scheduled');
  await page.getByLabel('Date').fill('2030-06-01');
  await page.getByRole('button', { name: 'Save the meeting' }).click();
  await page.waitForURL(/\/meetings\/\d+$/);
  await expect(page.locator('.flash-success').textContent()).resolves.toContain('Scheduled');
  await context.close();
});

test('a coordinator sees the meetings in the list, filtered, with no accessibility violation', async () => {
  const context = await newContext(browser, LAPTOP);
  const page = await context.newPage();
  await signIn(page, 'coco@example.org');
  await page.goto(`${server.url}/meetings?status=held`);
  await expect(page.locator('table').textContent()).resolves.toContain('Shanahan');
  expect(await axeViolations(page)).toEqual([]);
  await context.close();
});
