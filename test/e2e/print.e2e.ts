import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PASSWORD } from '../helpers/factories';
import { freshDataDir, startServer, RunningServer } from './server';
import { launchBrowser, newContext, signIn } from './browser';

/*
 * A meeting's page and an official's page, printed: only the record is on paper (no header, menu,
 * buttons, forms, skip link or messages), black on white, contact details written out, on few pages.
 * With PRINT_SCREENSHOTS=<folder>, the print views are also saved there as pictures to look at.
 */
let server: RunningServer;
let browser: Browser;
let ids: { meeting: number; official: number };

beforeAll(async () => {
  const dir = freshDataDir();
  execFileSync('npx', ['tsx', path.join(__dirname, 'seed-print.ts'), dir], { stdio: 'inherit' });
  ids = JSON.parse(fs.readFileSync(path.join(dir, 'ids.json'), 'utf8'));
  server = await startServer({ DATA_DIR: dir }); // removed when it stops
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** What a screen shows but paper must not, still visible in the print view. */
function visibleScreenOnly(page: Page): Promise<string[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll('header, nav, button, form, input, select, textarea, .skip-link, .flash, a[role=button], summary'))
    .filter((e) => e.checkVisibility())
    .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${(e.textContent ?? '').trim().slice(0, 40)}`));
}

/** The colours of the text and the background of the page's main parts, as printed. */
function colours(page: Page): Promise<string[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll('body, main, h1, h2, dt, dd, a, .status, .stance'))
    .flatMap((e) => { const s = getComputedStyle(e); return [s.color, s.backgroundColor]; }));
}

/** The number of pages of a PDF that Chromium wrote (each page object says `/Type /Page`). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

async function printView(page: Page, url: string, name: string) {
  await page.goto(url);
  const messagesOnScreen = await page.locator('.flash').count();
  await page.emulateMedia({ media: 'print' });
  expect(await visibleScreenOnly(page)).toEqual([]);
  expect([...new Set(await colours(page))].filter((c) => !['rgb(0, 0, 0)', 'rgb(255, 255, 255)', 'rgba(0, 0, 0, 0)'].includes(c))).toEqual([]);
  const shots = process.env.PRINT_SCREENSHOTS;
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  const pdf = await page.pdf({ format: 'Letter' });
  return { text: await page.locator('body').innerText(), pages: pdfPages(pdf), messagesOnScreen };
}

test("a meeting's page prints the record alone, in black on white, on one or two pages", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, server.url, 'mona@example.org', PASSWORD);
  // ?saved=1 puts a success message on the page, as after saving: it must not print.
  const printed = await printView(page, `${server.url}/meetings/${ids.meeting}?saved=1`, 'meeting');
  expect(printed.messagesOnScreen).toBe(1);
  expect(printed.text).toContain('Brenda Shanahan');
  expect(printed.text).toContain('Send the costing brief');
  expect(printed.text).not.toContain('Log a meeting');
  expect(printed.pages).toBeGreaterThanOrEqual(1);
  expect(printed.pages).toBeLessThanOrEqual(2);
  await context.close();
});

test("an official's page prints their contact details written out, without the buttons, on one page", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, server.url, 'mona@example.org', PASSWORD);
  const printed = await printView(page, `${server.url}/officials/${ids.official}`, 'official');
  expect(printed.text).toContain('brenda.shanahan@parl.gc.ca');
  expect(printed.text).toContain('613-992-8765');
  expect(printed.text).toContain('Ottawa ON K1A 0A6');
  expect(printed.text).not.toMatch(/Log a meeting/);
  expect(printed.pages).toBe(1);
  // Back on a screen, the page is as it was.
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('button', { name: /Log a meeting with/ }).isVisible()).resolves.toBe(true);
  await context.close();
});
