import path from 'node:path';
import { trackerAndBrowser, newContext, expectUsable, setUpFirstAdmin, PHONE } from './browser';

/* A fresh install's home page on a phone: the first steps are usable (WCAG 2.1 AA, no sideways scroll). */
const tracker = trackerAndBrowser();

test('on a phone, the first administrator lands on "Get started" and imports the bundled list from it', async () => {
  const context = await newContext(tracker.browser(), PHONE);
  const page = await context.newPage();
  await setUpFirstAdmin(page, tracker.server().url);
  await expect(page.getByRole('heading', { name: 'Get started' }).isVisible()).resolves.toBe(true);
  await expectUsable(page);
  if (process.env.PRINT_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.PRINT_SCREENSHOTS, 'getting-started.png'), fullPage: true });
  await page.getByRole('button', { name: 'Import the bundled list' }).click();
  await page.waitForURL(/\/officials\/imports\/\d+$/);
  await context.close();
});
