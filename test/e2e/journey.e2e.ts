import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { trackerAndBrowser, newContext, expectUsable, setUpFirstAdmin, signIn, COMMONS_FIXTURE, LAPTOP, PHONE } from './browser';

/**
 * The tracker's whole first day, in order, on one fresh tracker started as the README says: each test
 * goes on from where the one before left off.
 */
const tracker = trackerAndBrowser();
const url = () => tracker.server().url;
const PASSWORD = 'correct horse battery staple';
const COORDINATOR = 'cora@example.org';
const MEMBER = 'milo@example.org';

let contexts: BrowserContext[] = [];
/** The meeting the member logs, edited later. */
let meetingUrl = '';
afterEach(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  contexts = [];
});

async function pageAs(email: string | null, viewport = LAPTOP): Promise<Page> {
  const context = await newContext(tracker.browser(), viewport);
  contexts.push(context);
  const page = await context.newPage();
  if (email) await signIn(page, url(), email, PASSWORD);
  return page;
}

async function addUser(page: Page, name: string, email: string, role: string, local: string) {
  await page.goto(`${url()}/admin/users/new`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Role').selectOption(role);
  await page.getByLabel('Local').selectOption({ label: local });
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create the user' }).click();
  await page.waitForURL(`${url()}/admin/users`);
  await expect(page.getByRole('link', { name }).count()).resolves.toBe(1);
}

/** The member's log-a-meeting form, the official found by typing part of the riding. */
async function startMeeting(page: Page, riding: string, official: string | RegExp) {
  await page.goto(`${url()}/meetings/new`);
  await page.getByLabel('Find the official').fill(riding);
  await page.getByLabel(official).check();
}

async function meetingId(page: Page): Promise<string> {
  await page.waitForURL(/\/meetings\/\d+$/);
  return page.url().split('/').pop()!;
}

test('first run: the administrator creates a local, a coordinator and a member on the admin pages', async () => {
  const page = await pageAs(null);
  await setUpFirstAdmin(page, url());
  await page.goto(`${url()}/admin/locals/new`);
  await page.getByLabel('Name').fill('Section locale 301 Montréal');
  await page.getByLabel('Province or territory').selectOption('QC');
  await page.getByRole('button', { name: 'Create the local' }).click();
  await page.waitForURL(`${url()}/admin/locals`);
  await addUser(page, 'Cora Coordinator', COORDINATOR, 'coordinator', 'Section locale 301 Montréal');
  await addUser(page, 'Milo Member', MEMBER, 'member', 'Section locale 301 Montréal');
});

test('the coordinator imports the real House of Commons file in the browser and makes every MP a target', async () => {
  const page = await pageAs(COORDINATOR);
  await page.goto(`${url()}/officials/imports`);
  await page.getByLabel('CSV file').setInputFiles(COMMONS_FIXTURE);
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.locator('[data-count="added"]').textContent()).resolves.toBe('338');
  await page.getByRole('button', { name: 'Apply this import' }).click();
  await expect(page.getByRole('status').first().textContent()).resolves.toContain('338 added');

  await page.goto(`${url()}/campaigns/new`);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Fund community services');
  await page.getByLabel('Ask 1', { exact: true }).fill('Targeted, stable funding');
  await page.getByRole('button', { name: 'Create the campaign' }).click();
  await page.waitForURL(/\/campaigns\/\d+$/);
  await page.goto(`${page.url()}/targets`);
  await page.getByRole('button', { name: 'Add every sitting official that matches' }).click();
  await expect(page.locator('main').textContent()).resolves.toContain('338 sitting targets');
});

test('on a 390 × 844 phone, the member finds the MP by part of the riding and logs a held meeting with a stance, a commitment and a follow-up', async () => {
  const page = await pageAs(MEMBER, PHONE);
  await page.getByRole('link', { name: 'Log a meeting' }).first().click();
  await expectUsable(page);
  await page.getByLabel('Find the official').fill('lacolle');
  await page.getByLabel(/Patrick O'Hara/).check();
  await expect(page.getByLabel('Status').inputValue()).resolves.toBe('held');
  await page.getByLabel('Stance after the meeting').selectOption('supportive');
  await page.getByLabel('Targeted, stable funding').check();
  await page.getByLabel('Will raise it in caucus').check();
  await page.getByText('Add other commitments').click();
  await page.getByLabel('Other commitments').fill('Will ask the finance critic for a costing');
  await page.getByLabel('Follow-up 1: what needs doing').fill('Send the costing brief');
  await expectUsable(page);
  await page.getByRole('button', { name: 'Save the meeting' }).click();

  meetingUrl = `${url()}/meetings/${await meetingId(page)}`;
  await expect(page.locator('.flash-success').textContent()).resolves.toContain("the meeting with Patrick O'Hara (Châteauguay—Lacolle)");
  await expect(page.locator('.flash-success').textContent()).resolves.toContain('stance: Supportive, commitments recorded, 1 follow-up');
  await expectUsable(page);
});

test('the coordinator sees the meeting on the dashboard and downloads meetings.csv with it', async () => {
  const page = await pageAs(COORDINATOR);
  await page.goto(`${url()}/dashboard`);
  const headline = (await page.locator('main').textContent())!.replace(/\s+/g, ' ');
  expect(headline).toContain('Targets met 1 of 338');
  expect(headline).toContain('Meetings held 1');
  await expect(page.getByRole('row', { name: /^Supportive/ }).textContent()).resolves.toMatch(/Supportive\s*1/);
  await expectUsable(page);

  await page.goto(`${url()}/reports`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download meetings (CSV)' }).click()]);
  const rows: Record<string, string>[] = parse(fs.readFileSync((await download.path())), { columns: true, bom: true });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    'First name': 'Patrick', 'Last name': "O'Hara", Constituency: 'Châteauguay—Lacolle', 'Province or territory': 'Quebec',
    Status: 'Held', Stance: 'Supportive', 'Commitment details': 'Will ask the finance critic for a costing',
    Campaign: 'Fund community services', 'Asks raised': 'Targeted, stable funding', Local: 'Section locale 301 Montréal',
    'Logged by': 'Milo Member', 'Open follow-ups': '1',
  });
  expect(rows[0].Commitments).toContain('caucus');
});

test('logging the same MP on the same day shows the meeting already logged, and saving anyway is a choice', async () => {
  const page = await pageAs(MEMBER, PHONE);
  await startMeeting(page, 'lacolle', /Patrick O'Hara/);
  await page.getByText('Add notes').click();
  await page.getByLabel('Notes').fill('We went with the coalition');
  await page.getByRole('button', { name: 'Save the meeting' }).click();
  const notice = page.locator('#duplicate-notice');
  await expect(notice.textContent()).resolves.toContain('A meeting with this official on this day is already logged');
  await expect(notice.getByRole('link', { name: 'Open the meeting logged by Milo Member (Held)' }).count()).resolves.toBe(1);
  await expect(notice.getByRole('button', { name: 'Save mine anyway as a separate meeting' }).count()).resolves.toBe(1);
  await expect(page.getByLabel('Notes').inputValue()).resolves.toBe('We went with the coalition');
  await expectUsable(page);
  await notice.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain("Patrick O'Hara");
});

test('two pages editing one meeting: the second save shows what the first changed and keeps its own input', async () => {
  const first = await pageAs(MEMBER, PHONE);
  const second = await pageAs(COORDINATOR);
  await first.goto(`${meetingUrl}/edit`);
  await second.goto(`${meetingUrl}/edit`);

  await first.getByLabel('Stance after the meeting').selectOption('champion');
  await first.getByRole('button', { name: 'Save changes' }).click();
  await meetingId(first);

  await second.getByText('Add notes').click();
  await second.getByLabel('Notes').fill('The coordinator’s note');
  await second.getByRole('button', { name: 'Save changes' }).click();
  await expect(second.locator('main').textContent()).resolves.toContain('Someone else saved this meeting while you were editing it');
  await expect(second.getByRole('row', { name: /Stance/ }).textContent()).resolves.toContain('Champion');
  await expect(second.getByLabel('Notes').inputValue()).resolves.toBe('The coordinator’s note');
  await expectUsable(second);
});

test('a meeting sent without an official comes back with the message at the top and beside the field, and keeps what was typed', async () => {
  const page = await pageAs(MEMBER, PHONE);
  await page.goto(`${url()}/meetings/new`);
  await page.getByText('Add notes').click();
  await page.getByLabel('Notes').fill('Met at the food bank open house');
  await page.getByLabel('Follow-up 1: what needs doing').fill('Invite the MP to the AGM');
  await page.getByRole('button', { name: 'Save the meeting' }).click();
  const message = 'Choose the official: type part of the name or riding, press Find, then pick one.';
  await expect(page.locator('.error-summary').textContent()).resolves.toContain(message);
  await expect(page.locator('.field-error').filter({ hasText: message }).count()).resolves.toBe(1);
  await expect(page.getByLabel('Notes').inputValue()).resolves.toBe('Met at the food bank open house');
  await expect(page.getByLabel('Follow-up 1: what needs doing').inputValue()).resolves.toBe('Invite the MP to the AGM');
  await expectUsable(page);
});
