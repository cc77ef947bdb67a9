import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { PASSWORD } from '../helpers/factories';
import { freshDataDir, startServer, RunningServer } from './server';
import { expectUsable, launchBrowser, newContext, signIn, PHONE } from './browser';

/* On a phone, with script off: deleting a meeting asks first, and the message after it offers Undo. */
let server: RunningServer;
let browser: Browser;
let ids: { meeting: number; official: number };

beforeAll(async () => {
  const dir = freshDataDir();
  execFileSync('npx', ['tsx', path.join(__dirname, 'seed-print.ts'), dir], { stdio: 'inherit' });
  ids = JSON.parse(fs.readFileSync(path.join(dir, 'ids.json'), 'utf8'));
  server = await startServer({ DATA_DIR: dir }); // removed when it stops
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('a member deletes a meeting after seeing what goes, then undoes it from the message', async () => {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, server.url, 'mona@example.org', PASSWORD);
  await page.goto(`${server.url}/meetings/${ids.meeting}`);
  await page.getByRole('button', { name: 'Delete the meeting' }).click();
  await page.waitForURL(`${server.url}/meetings/${ids.meeting}/delete`);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Delete this meeting?');
  await expect(page.locator('dl').textContent()).resolves.toMatch(/2 follow-ups \(2 still open\)/);
  if (process.env.PRINT_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.PRINT_SCREENSHOTS, 'delete-confirm.png'), fullPage: true });

  await page.getByRole('button', { name: 'Keep it' }).click();
  await page.waitForURL(`${server.url}/meetings/${ids.meeting}`);
  await page.getByRole('button', { name: 'Delete the meeting' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.waitForURL(`${server.url}/meetings`);
  await expect(page.getByRole('status').first().textContent()).resolves.toContain('You can undo this for 10 minutes');
  if (process.env.PRINT_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.PRINT_SCREENSHOTS, 'delete-undo.png') });
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.waitForURL(`${server.url}/meetings/${ids.meeting}`);
  await expect(page.getByRole('status').first().textContent()).resolves.toContain('The meeting was restored.');
  await context.close();
});

test('the confirmation page is usable on a phone (WCAG 2.1 AA, no sideways scroll)', async () => {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await signIn(page, server.url, 'mona@example.org', PASSWORD);
  await page.goto(`${server.url}/meetings/${ids.meeting}/delete`);
  await expectUsable(page);
  await context.close();
});
