import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { trackerAndBrowser, newContext, setUpFirstAdmin } from './browser';

/**
 * A page on another origin (another loopback address and port) that posts a form to the tracker as
 * soon as it opens, as an attacker's page would. The browser sends no session cookie with it
 * (SameSite=Lax), which the tracker used to take for an expired session: it kept the form and
 * replaced the victim's cookie.
 */
const tracker = trackerAndBrowser();

function attackerPage(action: string, fields: Record<string, string>): Promise<{ url: string; close: () => void }> {
  const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${k}" value="${v}">`).join('');
  const html = `<!doctype html><html><body><form method="post" action="${action}">${inputs}</form>`
    + '<script>document.forms[0].submit()</script></body></html>';
  const server = http.createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(html); });
  return new Promise((resolve) => server.listen(0, '127.0.0.2', () => resolve({
    url: `http://127.0.0.2:${(server.address() as AddressInfo).port}/`,
    close: () => { server.closeAllConnections(); server.close(); },
  })));
}

test('a form auto-posted from another site is refused with 403; the victim keeps their cookie and stays signed in; nothing is kept', async () => {
  const context = await newContext(tracker.browser());
  const page = await context.newPage();
  const url = tracker.server().url;
  await setUpFirstAdmin(page, url);
  const cookieBefore = (await context.cookies(url)).find((c) => c.name === 'mpt.sid');
  expect(cookieBefore).toBeDefined();

  const attacker = await attackerPage(`${url}/admin/locals/new`, { name: 'Planted local', union_name: 'Nobody' });
  try {
    const answer = page.waitForResponse((r) => r.url() === `${url}/admin/locals/new` && r.request().method() === 'POST');
    await page.goto(attacker.url);
    const res = await answer;
    expect(res.status()).toBe(403);
    expect(await res.headerValue('set-cookie')).toBeNull();
    await page.waitForLoadState();
    expect(await page.textContent('main')).toContain('You are not signed in, so nothing was done.');
  } finally {
    attacker.close();
  }

  const cookieAfter = (await context.cookies(url)).find((c) => c.name === 'mpt.sid');
  expect(cookieAfter?.value).toBe(cookieBefore!.value);
  await page.goto(`${url}/admin/locals`);
  expect(page.url()).toBe(`${url}/admin/locals`); // still signed in: not sent to the sign-in page
  expect(await page.textContent('main')).not.toContain('Planted local');
  // Signing in again finds no form kept from the attack.
  await page.goto(`${url}/admin/locals/new`);
  expect(await page.inputValue('input[name="name"]')).toBe('');
  await context.close();
});
