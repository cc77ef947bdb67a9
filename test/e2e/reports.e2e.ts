import { trackerAndBrowser, newContext, axeViolations, scrollsSideways, setUpFirstAdmin, PHONE } from './browser';

const tracker = trackerAndBrowser();

test('on a phone without scripts, an administrator chooses filters and downloads the meetings and registry files', async () => {
  const context = await newContext(tracker.browser(), PHONE);
  await context.route('**/*.js', (route) => route.abort()); // the downloads must not need JavaScript
  const page = await context.newPage();
  await setUpFirstAdmin(page, tracker.server().url);

  await page.goto(`${tracker.server().url}/reports`);
  expect(await axeViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);

  await page.getByLabel('Province or territory').selectOption('QC');
  await page.getByLabel('Language of the file').first().selectOption('fr');
  const [meetings] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download meetings (CSV)' }).click()]);
  expect(meetings.suggestedFilename()).toMatch(/^meetings-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(meetings.url()).toContain('province=QC');
  expect(meetings.url()).toContain('lang=fr');

  await page.getByLabel('Month').fill('2026-03');
  const [registry] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the registry file (CSV)' }).click()]);
  expect(registry.suggestedFilename()).toMatch(/^lobbying-registry-2026-03-\d{4}-\d{2}-\d{2}\.csv$/);

  await page.getByRole('link', { name: 'How this file is made' }).click();
  expect(await axeViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);
  await context.close();
});
