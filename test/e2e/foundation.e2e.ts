import { trackerAndBrowser, newContext, axeViolations, scrollsSideways, PHONE } from './browser';

const tracker = trackerAndBrowser();

test('a newcomer sets up the first administrator and lands signed in, on a phone, with no accessibility violation', async () => {
  const context = await newContext(tracker.browser(), PHONE);
  const page = await context.newPage();
  await page.goto(tracker.server().url);
  expect(page.url()).toBe(`${tracker.server().url}/setup`);
  expect(await axeViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);

  await page.getByLabel('Name').fill('Ada Admin');
  await page.getByLabel('Email').fill('ada@example.org');
  await page.getByLabel('Password').fill('a long enough passphrase');
  await page.getByRole('button', { name: 'Create the administrator' }).click();

  await page.waitForURL(`${tracker.server().url}/`);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Hello, Ada Admin');
  expect(await axeViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);
  await context.close();
});
