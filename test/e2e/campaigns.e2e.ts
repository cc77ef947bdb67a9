import { trackerAndBrowser, newContext, axeViolations, scrollsSideways, setUpFirstAdmin, PHONE } from './browser';

const tracker = trackerAndBrowser();

test('on a phone, a coordinator creates a campaign with asks without any script, then opens its dashboard', async () => {
  const context = await newContext(tracker.browser(), PHONE);
  await context.route('**/*.js', (route) => route.abort()); // the campaign form must not need JavaScript
  const page = await context.newPage();
  await setUpFirstAdmin(page, tracker.server().url);

  await page.goto(`${tracker.server().url}/campaigns/new`);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Fund community services');
  await page.getByLabel('Name in French').fill('Financer les services communautaires');
  await page.getByLabel('Ask 1', { exact: true }).fill('Targeted, stable funding');
  await page.getByRole('button', { name: 'Add more rows for asks' }).click();
  await expect(page.getByLabel('Ask 6', { exact: true }).inputValue()).resolves.toBe('');
  await expect(page.getByLabel('Ask 1', { exact: true }).inputValue()).resolves.toBe('Targeted, stable funding');
  await page.getByLabel('Ask 2', { exact: true }).fill('A national standard for wages');
  await page.getByLabel('Ends on').fill('2020-01-01');
  await page.getByLabel('Starts on').fill('2020-02-01');
  await page.getByRole('button', { name: 'Create the campaign' }).click();
  await expect(page.getByText('The end date must be on or after the start date.').first().isVisible()).resolves.toBe(true);
  expect(await axeViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);

  await page.getByLabel('Ends on').fill('2020-06-30');
  await page.getByLabel('Ask 2', { exact: true }).press('Enter'); // Enter saves: it does not add rows
  await page.waitForURL(/\/campaigns\/\d+$/);
  await expect(page.getByText('Campaign “Fund community services” created.').isVisible()).resolves.toBe(true);
  await expect(page.getByRole('listitem').filter({ hasText: 'A national standard for wages' }).count()).resolves.toBe(1);
  expect(await axeViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);

  await page.goto(`${tracker.server().url}/dashboard`);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Fund community services');
  expect(await axeViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);
  await context.close();
});
