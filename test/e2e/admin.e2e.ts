import { trackerAndBrowser, newContext, axeViolations, scrollsSideways, setUpFirstAdmin, followMenuLink, PHONE } from './browser';

const tracker = trackerAndBrowser();

test('an administrator adds a local and a member on a phone; every admin page is accessible and fits', async () => {
  const context = await newContext(tracker.browser(), PHONE);
  const page = await context.newPage();
  const check = async () => {
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
  };
  await setUpFirstAdmin(page, tracker.server().url);

  await followMenuLink(page, 'Admin');
  await page.getByRole('link', { name: 'Locals', exact: true }).click();
  await page.getByRole('button', { name: 'Add a local' }).click();
  await page.getByRole('button', { name: 'Create the local' }).click(); // nothing filled in: 422
  await expect(page.getByText('Enter the local’s name.').first().isVisible()).resolves.toBe(true);
  await check();
  await page.getByLabel('Name').fill('Section locale 301 Montréal');
  await page.getByLabel('Province or territory').selectOption('QC');
  await page.getByRole('button', { name: 'Create the local' }).click();
  await page.waitForURL(`${tracker.server().url}/admin/locals`);
  await check();

  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await page.getByRole('button', { name: 'Add a user' }).click();
  await page.getByLabel('Name').fill('Bea Member');
  await page.getByLabel('Email').fill('bea@example.org');
  await page.getByLabel('Local').selectOption({ label: 'Section locale 301 Montréal' });
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create the user' }).click();
  await check();
  await page.getByLabel('Password').fill('a fine long passphrase');
  await page.getByRole('button', { name: 'Create the user' }).click();
  await page.waitForURL(`${tracker.server().url}/admin/users`);
  await check();

  await page.getByRole('link', { name: 'Bea Member' }).click();
  await check();
  await page.getByLabel('Active (can sign in)').uncheck();
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.waitForURL(`${tracker.server().url}/admin/users`);
  await expect(page.getByRole('row', { name: /Bea Member/ }).textContent()).resolves.toContain('Deactivated');
  await page.getByRole('link', { name: 'Bea Member' }).click();
  await page.getByRole('link', { name: 'Reset the password' }).click();
  await check();
  await context.close();
});
