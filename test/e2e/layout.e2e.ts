import type { Browser, Page } from 'playwright-core';
import type { Role } from '../../src/shared/types';
import { launchBrowser, newContext, signIn, switchToFrench, PHONE } from './browser';
import { startDemoTracker, DemoTracker } from './demo';

/*
 * Phone first, on the demo data: on a 390 × 844 phone, in English and in French, the content starts
 * under a compact top bar, the first result of every list is on the first screen, each row is a card
 * whose main action fits the screen, and nothing is wider than the screen; on a 1366 px laptop the
 * header stays on one line for every role.
 */
let demo: DemoTracker;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemoTracker();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await demo?.server.stop();
});

/** The lists, each with the least role that has it. */
const LISTS: { path: string; role: Role }[] = [
  { path: '/meetings', role: 'member' },
  { path: '/officials', role: 'member' },
  { path: '/follow-ups', role: 'member' },
  { path: '/follow-ups', role: 'coordinator' },
  { path: '/campaigns', role: 'coordinator' },
  { path: '/officials/imports', role: 'coordinator' },
  { path: '/admin/users', role: 'admin' },
  { path: '/admin/locals', role: 'admin' },
];

async function pageAs(role: Role, viewport: { width: number; height: number }, language: 'en' | 'fr'): Promise<Page> {
  const page = await (await newContext(browser, viewport)).newPage();
  await signIn(page, demo.server.url, demo.users[role].email, demo.users[role].password);
  if (language === 'fr') await switchToFrench(page);
  return page;
}

/** Where things are on the page as a phone shows it, in CSS pixels from the top of the page. */
function measure(page: Page) {
  return page.evaluate(() => {
    const top = (e: Element | null) => (e ? Math.round(e.getBoundingClientRect().top + window.scrollY) : null);
    const firstRow = document.querySelector('main table tbody tr');
    const action = firstRow?.querySelector('.card-action button, .card-action a[role=button]') ?? null;
    const width = window.innerWidth;
    return {
      main: top(document.querySelector('main')),
      firstRow: top(firstRow),
      actionFits: action ? action.getBoundingClientRect().right <= width && action.getBoundingClientRect().width >= width * 0.6 : null,
      tooWide: Array.from(document.querySelectorAll('main table, main form, main section, main article'))
        .filter((e) => e.getBoundingClientRect().right > width + 1).map((e) => `${e.tagName.toLowerCase()}#${e.id}`),
      sideways: document.documentElement.scrollWidth > width + 1,
    };
  });
}

describe.each(['en', 'fr'] as const)('on a 390 × 844 phone (%s)', (language) => {
  test.each(LISTS)('$path, as $role: the first result on the first screen, as a card that fits', async ({ path, role }) => {
    const page = await pageAs(role, PHONE, language);
    await page.goto(`${demo.server.url}${path}`);
    const m = await measure(page);
    expect(m.main).toBeLessThanOrEqual(120);
    expect(m.firstRow).not.toBeNull();
    expect(m.firstRow!).toBeLessThan(PHONE.height);
    expect(m.tooWide).toEqual([]);
    expect(m.sideways).toBe(false);
    if (path === '/follow-ups') expect(m.actionFits).toBe(true); // "Mark done" across the card, not off-screen
    await page.context().close();
  });

  test('the menu is a disclosure that opens without a script and holds every link of the role', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await signIn(page, demo.server.url, demo.users.coordinator.email, demo.users.coordinator.password);
    if (language === 'fr') await switchToFrench(page);
    const menu = page.locator('details.menu');
    await expect(menu.getAttribute('open')).resolves.toBeNull();
    await expect(page.locator('.menu-links').isVisible()).resolves.toBe(false);
    await page.locator('details.menu > summary').click();
    const links = await page.locator('.menu-links a').allTextContents();
    expect(links).toEqual(language === 'en'
      ? ['Officials', 'Meetings', 'Follow-ups', 'Dashboard', 'Campaigns', 'Imports', 'Reports']
      : ['Élus', 'Rencontres', 'Suivis', 'Tableau de bord', 'Campagnes', 'Importations', 'Rapports']);
    const m = await measure(page);
    expect(m.sideways).toBe(false);
    await context.close();
  });
});

describe.each(['en', 'fr'] as const)('on a 1366 × 768 laptop (%s)', (language) => {
  test.each(['member', 'coordinator', 'admin'] as const)('the header stays on one line for %s', async (role) => {
    const page = await pageAs(role, { width: 1366, height: 768 }, language);
    await page.goto(`${demo.server.url}/dashboard`);
    const bar = await page.evaluate(() => {
      const items = Array.from(document.querySelectorAll('.top-bar > *, .nav-wide li')).filter((e) => e.getBoundingClientRect().height > 0);
      const mids = items.map((e) => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; });
      return { spread: Math.max(...mids) - Math.min(...mids), height: document.querySelector('.site-header')!.getBoundingClientRect().height,
        links: document.querySelectorAll('.nav-wide a').length };
    });
    expect(bar.links).toBeGreaterThanOrEqual(4);
    expect(bar.spread).toBeLessThan(8);
    expect(bar.height).toBeLessThan(80);
    await page.context().close();
  });
});

/** One page of each kind, as the least role that has it, on a laptop. */
const KINDS: { path: string; role: Role }[] = [
  { path: '/', role: 'member' }, { path: '/meetings/new', role: 'member' }, { path: '/meetings/1', role: 'coordinator' },
  { path: '/officials/1', role: 'member' }, { path: '/account', role: 'member' }, { path: '/campaigns/1', role: 'coordinator' },
  { path: '/campaigns/1/targets', role: 'coordinator' }, { path: '/reports', role: 'coordinator' }, { path: '/admin/users/1', role: 'admin' },
  ...LISTS,
];

test('on a 1366 × 768 laptop, each kind of page fits: nothing wider than the window, lists as tables', async () => {
  const pages: Partial<Record<Role, Page>> = {};
  const problems: string[] = [];
  for (const { path, role } of KINDS) {
    pages[role] ??= await pageAs(role, { width: 1366, height: 768 }, 'en');
    const page = pages[role];
    await page.goto(`${demo.server.url}${path}`);
    const m = await measure(page);
    const tableHead = await page.evaluate(() => {
      const head = document.querySelector('main table.cards thead');
      return head ? head.getBoundingClientRect().height > 1 : true;
    });
    if (m.sideways || m.tooWide.length || !tableHead) problems.push(`${path}: ${JSON.stringify({ ...m, tableHead })}`);
  }
  for (const page of Object.values(pages)) await page.context().close();
  expect(problems).toEqual([]);
});
