import type { Browser, Page } from 'playwright-core';
import type { Role } from '../../src/shared/types';
import { launchBrowser, newContext, signIn, switchToFrench, PHONE } from './browser';
import { startDemoTracker, DemoTracker } from './demo';
import { errorAnnouncementProblems, keyboardProblems, pageProblems } from './page-checks';

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

/** Forms sent empty (or with a bad value) to see their errors, by the least role that has them. */
const FAILED_FORMS: { path: string; role: Role }[] = [
  { path: '/account', role: 'member' },
  { path: '/meetings/new', role: 'member' },
  { path: '/dashboard?from=not-a-date', role: 'member' },
  { path: '/meetings?from=not-a-date', role: 'member' },
  { path: '/campaigns/new', role: 'coordinator' },
  { path: '/follow-ups', role: 'coordinator' }, // the bulk form, sent with nothing ticked
  { path: '/officials/imports', role: 'coordinator' },
  { path: '/admin/users/new', role: 'admin' },
  { path: '/admin/locals/new', role: 'admin' },
  { path: '/admin/users/1/password', role: 'admin' }, // the first demo user
];
const RANK: Record<Role, number> = { member: 0, coordinator: 1, admin: 2 };
/** The kinds of page each tour visited (e.g. /meetings/:id/edit), to show that it reached past the navigation. */
const visited = new Map<string, string[]>();

/** Never followed: downloads, signing out, switching language. */
const SKIP = /\.csv(\?|$)|^\/logout|^\/language/;

/** A page's address with every number as :id, so that one page of each kind is visited. */
const kindOf = (path: string) => path.split('?')[0].replace(/\d+/g, ':id');

function sameOriginPaths(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (links) => links.map((a) => (a as HTMLAnchorElement))
    .filter((a) => a.origin === location.origin).map((a) => a.pathname + a.search));
}

/**
 * Visits every page the role can reach: the navigation's links, then one page of each kind linked
 * from those (a detail page, its edit and sub-pages), two levels further. Returns the problems found.
 */
async function tour(page: Page, label: string): Promise<string[]> {
  const problems: string[] = [];
  const seen = new Set<string>();
  let queue = (await sameOriginPaths(page, 'header nav a')).filter((p) => !SKIP.test(p));
  for (let depth = 0; depth < 3 && queue.length; depth++) {
    const next: string[] = [];
    for (const path of queue) {
      if (seen.has(kindOf(path))) continue;
      seen.add(kindOf(path));
      const response = await page.goto(demo.server.url + path);
      if (response?.status() !== 200) { problems.push(`${label} ${path}: status ${response?.status()}`); continue; }
      const found = [...(await keyboardProblems(page)), ...(await pageProblems(page))];
      problems.push(...found.map((p) => `${label} ${path}: ${p}`));
      next.push(...(await sameOriginPaths(page, 'main a[href]')).filter((p) => !SKIP.test(p)));
    }
    queue = next;
  }
  visited.set(label, [...seen].sort());
  return problems;
}

/** Sends each form the role has without filling it in (no browser validation), then checks the page with its errors. */
async function failedForms(page: Page, role: Role, label: string): Promise<string[]> {
  const problems: string[] = [];
  for (const form of FAILED_FORMS.filter((f) => RANK[f.role] <= RANK[role])) {
    const response = await page.goto(demo.server.url + form.path);
    if (response?.status() !== 200 && response?.status() !== 422) { problems.push(`${label} ${form.path}: status ${response?.status()}`); continue; }
    if (!form.path.includes('?')) {
      await Promise.all([page.waitForNavigation(), page.$eval('main form[method=post]', (f) => (f as HTMLFormElement).submit())]);
    }
    const found = [...(await errorAnnouncementProblems(page)), ...(await pageProblems(page))];
    problems.push(...found.map((p) => `${label} ${form.path} with errors: ${p}`));
  }
  return problems;
}

/** "role (lang) /page: problem" lines, one per problem with the pages it was seen on (the nav repeats on every page). */
function grouped(problems: string[]): string[] {
  const pages = new Map<string, string[]>();
  for (const line of problems) {
    const [where, what] = line.split(/: (.*)/s);
    pages.set(what, [...(pages.get(what) ?? []), where]);
  }
  return [...pages].map(([what, where]) => `${what} — ${where.length > 3 ? `${where.slice(0, 3).join(', ')} and ${where.length - 3} more` : where.join(', ')}`);
}

async function asRole(role: Role, language: 'en' | 'fr'): Promise<string[]> {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  const { email, password } = demo.users[role];
  await signIn(page, demo.server.url, email, password);
  if (language === 'fr') {
    await switchToFrench(page); // the switch in the menu: a form, no script
  }
  const label = `${role} (${language})`;
  const problems = [...(await tour(page, label)), ...(await failedForms(page, role, label))];
  await context.close();
  return problems;
}

/** The sign-in page, then with its refusal shown, for someone not signed in. */
async function signInPage(): Promise<string[]> {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await page.goto(`${demo.server.url}/login`);
  const problems = [...(await keyboardProblems(page)), ...(await pageProblems(page))];
  await page.getByLabel('Email').fill(demo.users.member.email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  problems.push(...(await pageProblems(page)));
  await context.close();
  return problems.map((p) => `anonymous /login: ${p}`);
}

test('on a phone, every page each role can reach, in English and French, passes axe (WCAG 2.1 AA), fits the width, has 44 px targets, a working skip link and visible focus, and every failed form announces its errors', async () => {
  const problems = await signInPage();
  for (const role of ['member', 'coordinator', 'admin'] as Role[]) problems.push(...(await asRole(role, 'en')));
  problems.push(...(await asRole('member', 'fr')), ...(await asRole('coordinator', 'fr')));
  expect(grouped(problems)).toEqual([]);
  expect(visited.get('member (en)')).toEqual(expect.arrayContaining(['/meetings/:id', '/meetings/:id/edit', '/officials/:id', '/follow-ups']));
  expect(visited.get('admin (en)')).toEqual(expect.arrayContaining([
    '/campaigns/:id', '/campaigns/:id/edit', '/campaigns/:id/targets', '/officials/imports/:id', '/admin/users/:id', '/admin/users/:id/password', '/admin/locals/:id', '/reports',
  ]));
  console.log([...visited].map(([who, kinds]) => `${who}: ${kinds.length} kinds of page: ${kinds.join(' ')}`).join('\n'));
}, 600_000);
