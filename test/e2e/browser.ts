import fs from 'node:fs';
import path from 'node:path';
import { chromium, Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, RunningServer } from './server';

/** Debian's Chromium, never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The real House of Commons export (kept in the repository's data/), uploaded as a coordinator would. */
export const COMMONS_FIXTURE = path.join(__dirname, '..', '..', 'data', 'house-of-commons-mps-2021-10.csv');

export const PHONE = { width: 390, height: 844 };
export const LAPTOP = { width: 1280, height: 900 };

/** A context that lets the test inject axe-core despite the page's strict CSP. */
export function newContext(browser: Browser, viewport = LAPTOP, locale = 'en-CA'): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale, bypassCSP: true, acceptDownloads: true });
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation { id: string; impact: string; help: string; nodes: { target: string[] }[] }

/** WCAG 2.1 A and AA rules of axe-core on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/** True when the page is wider than the window (the user would have to scroll sideways). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** Elements outside a scrolling table that stick out past the window's right edge (what makes a phone scroll sideways). */
export function wideElements(page: Page): Promise<string[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll('body *'))
    .filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 1)
    .map((e) => `${e.tagName}.${e.className}#${e.id} ${Math.round(e.getBoundingClientRect().right)}`).slice(0, 20));
}

/** No axe violation (WCAG 2.1 AA) and nothing wider than the window. */
export async function expectUsable(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  expect(await wideElements(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);
}

/** Signs in through the sign-in page; the browser lands on the home page. */
export async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${url}/`);
}

/** Follows one of the menu's links as a member does on a phone: the menu (a disclosure) first. */
export async function followMenuLink(page: Page, name: string): Promise<void> {
  await page.locator('details.menu > summary').click();
  await page.locator('.menu-links').getByRole('link', { name, exact: true }).click();
}

/** Switches to French the way a member does: signed in, the switch sits in the menu (a disclosure). */
export async function switchToFrench(page: Page): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) === 'fr') return; // the user's saved language already
  const menu = page.locator('details.menu > summary');
  if (await menu.count()) await menu.click();
  await page.getByRole('button', { name: 'Français' }).click();
  await page.waitForSelector('html[lang="fr"]');
}

/** On a fresh tracker: creates the first administrator (Ada Admin) through the setup page, signed in after. */
export async function setUpFirstAdmin(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Name').fill('Ada Admin');
  await page.getByLabel('Email').fill('ada@example.org');
  await page.getByLabel('Password').fill('a long enough passphrase');
  await page.getByRole('button', { name: 'Create the administrator' }).click();
  await page.waitForURL(`${url}/`);
}

/** A fresh tracker and a browser for this test file, started before its tests and stopped after. */
export function trackerAndBrowser(): { server: () => RunningServer; browser: () => Browser } {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return { server: () => server!, browser: () => browser! };
}
