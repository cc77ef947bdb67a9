/**
 * A browser's part in the benchmark: sign in through the real form and keep the session cookie and
 * the session's CSRF token, so that autocannon can send the same requests a signed-in member does.
 */
export interface Session {
  cookie: string;
  csrf: string;
}

function cookieOf(res: Response): string | undefined {
  const header = res.headers.getSetCookie().find((c) => c.startsWith('mpt.sid='));
  return header?.split(';')[0];
}

export function csrfIn(html: string): string {
  const match = html.match(/name="_csrf" value="([^"]+)"/);
  if (!match) throw new Error('No CSRF token on the page');
  return match[1];
}

/** Signs in with the form (GET /login for the token and its cookie, POST /login answers 303) and reads a token of the new session. */
export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const page = await fetch(`${base}/login`);
  const formCookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: formCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfIn(await page.text()), email, password }).toString(),
  });
  const cookie = cookieOf(res);
  await res.arrayBuffer();
  if (res.status !== 303 || !cookie) throw new Error(`Sign-in as ${email} failed: ${res.status}`);
  const home = await fetch(`${base}/`, { headers: { cookie } });
  return { cookie, csrf: csrfIn(await home.text()) };
}

/** GET a page as the session; the status and body, for checking a case before loading it. */
export async function getPage(base: string, path: string, session?: Session): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}${path}`, { redirect: 'manual', headers: session ? { cookie: session.cookie } : {} });
  return { status: res.status, text: await res.text() };
}

/** Milliseconds from now until GET path answers 200 (polls every 20 ms; the cold-start figure). */
export async function firstPage(base: string, path: string, since: number, timeoutMs = 60_000): Promise<number> {
  while (Date.now() - since < timeoutMs) {
    try {
      const res = await fetch(`${base}${path}`);
      await res.text();
      if (res.status === 200) return Date.now() - since;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${path} did not answer within ${timeoutMs} ms`);
}
