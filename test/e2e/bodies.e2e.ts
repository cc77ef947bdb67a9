import { trackerAndBrowser, newContext, expectUsable, setUpFirstAdmin, switchToFrench, PHONE } from './browser';
import { organizationFile, SEVERAL_BODIES } from '../helpers/officials.factories';

const tracker = trackerAndBrowser();

test('on a phone, an empty directory offers the bundled list; then a download of several bodies is imported, one body left out', async () => {
  const url = tracker.server().url;
  const context = await newContext(tracker.browser(), PHONE);
  const page = await context.newPage();
  await setUpFirstAdmin(page, url);

  await page.goto(`${url}/officials`);
  await expect(page.getByRole('heading', { name: 'The directory is empty' }).count()).resolves.toBe(1);
  await expectUsable(page);
  await page.getByRole('button', { name: 'Import the bundled list' }).click();
  await page.waitForURL(/\/officials\/imports\/\d+$/);
  await expect(page.locator('[data-count="added"]').textContent()).resolves.toBe('343');
  await page.getByRole('button', { name: 'Apply this import' }).click();
  await expect(page.getByRole('status').first().textContent()).resolves.toContain('343 added');

  await page.goto(`${url}/officials/imports`);
  await page.getByLabel('CSV file').setInputFiles({ name: 'represent.csv', mimeType: 'text/csv', buffer: organizationFile(SEVERAL_BODIES) });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await page.waitForURL(/\/officials\/imports\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Bodies in this file' }).count()).resolves.toBe(1);
  await expectUsable(page);
  await page.getByLabel('Import National Assembly of Québec').uncheck();
  await page.getByRole('button', { name: 'Show the counts with these choices (nothing is written)' }).click();
  await expect(page.locator('[data-count="added"]').textContent()).resolves.toBe('5');
  await expect(page.getByLabel('Import National Assembly of Québec').isChecked()).resolves.toBe(false);
  await page.getByRole('button', { name: 'Apply this import' }).click();
  await expect(page.getByRole('status').first().textContent()).resolves.toContain('5 added');
  await expect(page.locator('main').textContent()).resolves.toContain('National Assembly of Québec — left out');
  await expectUsable(page);

  await page.goto(`${url}/officials?q=blanco&level=municipal`);
  await page.getByRole('link', { name: 'Josefina Blanco' }).click();
  await expect(page.locator('main').textContent()).resolves.toContain('Montréal City Council');

  // The same file again, in French: the bodies are named and counted in French.
  await switchToFrench(page); // the switch in the menu: a form, no script
  await page.goto(`${url}/officials/imports`);
  await page.getByLabel('Fichier CSV').setInputFiles({ name: 'represent.csv', mimeType: 'text/csv', buffer: organizationFile(SEVERAL_BODIES) });
  await page.getByRole('button', { name: 'Téléverser et voir l’aperçu' }).click();
  await page.waitForURL(/\/officials\/imports\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Instances de ce fichier' }).count()).resolves.toBe(1);
  await expect(page.getByLabel('Importer : Assemblée nationale du Québec').isChecked()).resolves.toBe(true);
  await expect(page.getByLabel('Importer : Conseil municipal de Montréal').count()).resolves.toBe(1);
  await expectUsable(page);
  await expect(page.getByText('Rien ne change pour cette instance', { exact: false }).count()).resolves.toBe(3);
  await context.close();
});
