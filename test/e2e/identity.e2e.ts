import fs from 'node:fs';
import path from 'node:path';
import { trackerAndBrowser, newContext, expectUsable, setUpFirstAdmin } from './browser';

const tracker = trackerAndBrowser();
const LIST_2021 = path.join(__dirname, '..', '..', 'data', 'house-of-commons-mps-2021-10.csv');
const O_HARA = ",Patrick,O'Hara,Châteauguay—Lacolle,Quebec,Bloc Québécois,2021-09-20 12:00:00 AM,";

test('a recount after the 2021 list: the seat goes to a newcomer of another party, and the meeting logged with the outgoing member still names them', async () => {
  const url = tracker.server().url;
  const context = await newContext(tracker.browser());
  const page = await context.newPage();
  await setUpFirstAdmin(page, url);
  const upload = async (name: string, buffer: Buffer) => {
    await page.goto(`${url}/officials/imports`);
    await page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer });
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.waitForURL(/\/officials\/imports\/\d+$/);
  };
  const bytes = fs.readFileSync(LIST_2021);
  await upload('house-of-commons-mps-2021-10.csv', bytes);
  await page.getByRole('button', { name: 'Apply this import' }).click();

  await page.goto(`${url}/officials`);
  await page.getByLabel('Name or riding').fill('chateauguay lacolle');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('link', { name: "Patrick O'Hara" }).click();
  await page.getByRole('button', { name: "Log a meeting with Patrick O'Hara" }).click();
  await page.getByRole('button', { name: 'Save the meeting' }).click();
  await page.waitForURL(/\/meetings\/\d+$/);
  const meetingUrl = page.url();

  // The same export after a recount: another person, another party, the same start date.
  const text = bytes.toString('utf8');
  expect(text).toContain(O_HARA);
  await upload('recount.csv', Buffer.from(text.replace(O_HARA, ',Brenda,Recount,Châteauguay—Lacolle,Quebec,Liberal,2021-09-20 12:00:00 AM,')));
  const main = page.locator('main');
  await expect(main.textContent()).resolves.toContain("a different person in Châteauguay—Lacolle: Brenda Recount replaces Patrick O'Hara");
  await expect(main.textContent()).resolves.toContain("1 meeting stays with Patrick O'Hara");
  await expect(page.getByLabel(/Different person: Brenda Recount is added/).isChecked()).resolves.toBe(true);
  await expectUsable(page);
  await page.getByRole('button', { name: 'Apply this import' }).click();
  await expect(page.getByRole('status').first().textContent()).resolves.toContain('1 added, 0 updated, 1 ended');

  await page.goto(meetingUrl);
  await expect(page.locator('main').textContent()).resolves.toContain("Patrick O'Hara");
  await expect(page.locator('main').textContent()).resolves.not.toContain('Brenda Recount');
  await context.close();
});
