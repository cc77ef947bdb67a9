import { trackerAndBrowser, newContext, expectUsable, setUpFirstAdmin, COMMONS_FIXTURE, PHONE } from './browser';

const tracker = trackerAndBrowser();

test('on a phone, a coordinator loads the real House of Commons file, then finds an MP in the directory', async () => {
  const context = await newContext(tracker.browser(), PHONE);
  const page = await context.newPage();
  await setUpFirstAdmin(page, tracker.server().url);

  await page.goto(`${tracker.server().url}/officials/imports`);
  await expectUsable(page);
  await page.getByLabel('CSV file').setInputFiles(COMMONS_FIXTURE);
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await page.waitForURL(/\/officials\/imports\/\d+$/);
  await expect(page.locator('[data-count="added"]').textContent()).resolves.toBe('338');
  await expectUsable(page);
  await page.getByRole('button', { name: 'Apply this import' }).click();
  await expect(page.getByRole('status').first().textContent()).resolves.toContain('338 added');

  await page.goto(`${tracker.server().url}/officials`);
  await page.getByLabel('Name or riding').fill('chateauguay lacolle');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('link', { name: "Patrick O'Hara" }).count()).resolves.toBe(1);
  await expectUsable(page);
  await page.getByRole('link', { name: "Patrick O'Hara" }).click();
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain("Patrick O'Hara");
  await expectUsable(page);
  await context.close();
});
