import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD } from '../helpers/factories';
import { freshDataDir, startServer, RunningServer } from './server';
import { expectUsable, launchBrowser, newContext, PHONE, signIn } from './browser';

/*
 * The meeting form on a 390 x 844 phone: its sections in the order a meeting is told, announced as
 * regions; a short held meeting (today, the official, one ask, a stance) within two screens and the
 * whole form, every disclosure open, within three; nothing wider than the screen, no axe violation,
 * in both languages; and the same on a laptop. Screenshots go to the system's temporary folder for a person to look at.
 */
/** Where a screenshot is saved: the system's temporary folder, never the repository. */
const shot = (name: string) => path.join(os.tmpdir(), `meeting-form-${name}.png`);

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  const dir = freshDataDir();
  execFileSync('npx', ['tsx', path.join(__dirname, 'seed-meetings.ts'), dir], { stdio: 'inherit' });
  server = await startServer({ DATA_DIR: dir });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const LANGS = {
  en: { sections: ['Who and when', 'Who attended', 'What was asked', 'Where they stand', 'Commitments', 'What happens next'],
    search: 'Find the official', ask: 'Targeted, stable funding', stance: 'Stance after the meeting', save: 'Save the meeting' },
  fr: { sections: ['Qui et quand', 'Qui était présent', 'Ce qui a été demandé', 'Leur position', 'Engagements', 'La suite'],
    search: 'Trouver l’élu ou l’élue', ask: 'Targeted, stable funding', stance: 'Position après la rencontre', save: 'Enregistrer la rencontre' },
} as const;
type Lang = keyof typeof LANGS;

/** The member's language switch, in the menu (a disclosure on a phone). */
async function switchLanguage(page: Page) {
  const before = await page.getAttribute('html', 'lang');
  const menu = page.locator('details.menu > summary');
  if (await menu.isVisible()) await menu.click();
  await page.locator('form.language-switch button').first().click();
  await page.waitForSelector(`html:not([lang="${before}"])`);
}

/** How far the Save button's bottom edge is from the top of the page, in CSS pixels. */
const saveBottom = (page: Page, name: string) => page.getByRole('button', { name })
  .evaluate((b) => b.getBoundingClientRect().bottom + window.scrollY);

async function openForm(viewport: { width: number; height: number }, lang: Lang): Promise<Page> {
  const context = await newContext(browser, viewport);
  const page = await context.newPage();
  await signIn(page, server.url, 'mona@example.org', PASSWORD);
  // The language is the member's: switched back after the French tests.
  if ((await page.getAttribute('html', 'lang')) !== lang) await switchLanguage(page);
  await page.goto(`${server.url}/meetings/new`);
  return page;
}

/** The short meeting: the one official the search finds comes picked; one ask; a stance. Today and held are the defaults. */
async function fillShortMeeting(page: Page, lang: Lang) {
  const words = LANGS[lang];
  await page.getByLabel(words.search).fill('chateauguay');
  await page.waitForSelector('#official-choices input[type=radio]:checked');
  await page.getByLabel(words.ask).check();
  await page.getByLabel(words.stance).selectOption('supportive');
}

describe.each(Object.keys(LANGS) as Lang[])('on a phone, in %s', (lang) => {
  const words = LANGS[lang];

  test('the sections are headed and announced in order; a short held meeting fits in two screens, the whole form in three', async () => {
    const page = await openForm(PHONE, lang);
    expect(await page.locator('form.meeting-form section > h2').allTextContents()).toEqual(words.sections);
    for (const name of words.sections) expect(await page.getByRole('region', { name }).count()).toBe(1);
    // The person logging is ticked as an attendee.
    expect(await page.locator('#field-attendee_ids input:checked').count()).toBe(1);

    await fillShortMeeting(page, lang);
    await page.screenshot({ path: shot(`phone-${lang}-short`), fullPage: true });
    expect(await saveBottom(page, words.save)).toBeLessThanOrEqual(2 * PHONE.height);
    await expectUsable(page);

    for (const details of await page.locator('details.more').all()) if (!(await details.getAttribute('open'))) await details.locator('summary').click();
    expect(await page.locator('details.more:not([open])').count()).toBe(0);
    await page.screenshot({ path: shot(`phone-${lang}-full`), fullPage: true });
    expect(await saveBottom(page, words.save)).toBeLessThanOrEqual(3 * PHONE.height);
    await expectUsable(page);
    await page.context().close();
  });
});

test('on a 1366 px laptop the short meeting fits in two screens, with nothing wider than the window and no axe violation', async () => {
  const laptop = { width: 1366, height: 768 };
  const page = await openForm(laptop, 'en');
  await fillShortMeeting(page, 'en');
  await page.screenshot({ path: shot('laptop-en-short'), fullPage: true });
  expect(await saveBottom(page, LANGS.en.save)).toBeLessThanOrEqual(2 * laptop.height);
  await expectUsable(page);
  await page.context().close();
});

test('without JavaScript, Find picks the only match and "Add another" shows one more follow-up row, nothing lost', async () => {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, server.url, 'mona@example.org', PASSWORD);
  await page.goto(`${server.url}/meetings/new`);
  await page.getByLabel('Find the official').fill('ottawa');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(page.getByLabel(/Otto Other/).isChecked()).resolves.toBe(true);
  await page.getByLabel('Follow-up 1: what needs doing').fill('Send the brief');
  await page.getByRole('button', { name: 'Add another follow-up row' }).click();
  await expect(page.getByLabel('Follow-up 1: what needs doing').inputValue()).resolves.toBe('Send the brief');
  await expect(page.getByLabel('Follow-up 2: what needs doing').inputValue()).resolves.toBe('');
  await expect(page.getByLabel(/Otto Other/).isChecked()).resolves.toBe(true);
  await context.close();
});

test('with JavaScript, "Add another" adds the row in place, and both rows are saved', async () => {
  const page = await openForm(PHONE, 'en');
  await fillShortMeeting(page, 'en');
  await page.getByLabel('Follow-up 1: what needs doing').fill('Send the brief');
  await page.evaluate(() => { (window as unknown as { stayed: boolean }).stayed = true; });
  await page.getByRole('button', { name: 'Add another follow-up row' }).click();
  await page.getByLabel('Follow-up 2: what needs doing').fill('Book the next meeting');
  await expect(page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).resolves.toBe(true);
  await expect(page.getByLabel('Follow-up 1: what needs doing').inputValue()).resolves.toBe('Send the brief');
  await expect(page.locator('#field-follow_ups label[for="field-follow_ups[1][due_on]"]').count()).resolves.toBe(1);
  await expectUsable(page);
  await page.getByRole('button', { name: LANGS.en.save }).click();
  await page.waitForURL(/\/meetings\/\d+$/);
  await expect(page.locator('.flash-success').textContent()).resolves.toContain('2 follow-ups');
  await page.context().close();
});
