import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser, PASSWORD } from '../helpers/factories';
import { csrfFrom } from '../helpers/session';
import { loadConfig, ConfigError } from '../../src/config';
import type { SessionUser } from '../../src/shared/types';

/** The tracker as it runs in production behind one TLS-terminating proxy (TRUST_PROXY=1). */
let t: TestApp;
let user: SessionUser;
beforeAll(async () => {
  t = await startTestApp({ env: 'production', trustProxy: 1 });
  user = await createUser(t.db, 'member');
});
afterAll(async () => { await t.close(); });

const HTTPS = { 'X-Forwarded-Proto': 'https' };
const setCookies = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []);
const named = (res: request.Response, name: string) => setCookies(res).find((c) => c.startsWith(`${name}=`));
const pair = (cookie: string | undefined) => cookie!.split(';')[0];

async function signInOver(headers: Record<string, string>) {
  const page = await request(t.app).get('/login').set(headers);
  const formCookie = setCookies(page).map((c) => c.split(';')[0]);
  return request(t.app).post('/login').set(headers).set('Cookie', formCookie).type('form')
    .send({ _csrf: csrfFrom(page.text), email: user.email, password: PASSWORD });
}

describe('the session cookie in production', () => {
  test('over HTTPS it is __Host-mpt.sid: Secure, Path=/, HttpOnly, SameSite=Lax; it signs in, and signing out clears that same name', async () => {
    const res = await signInOver(HTTPS);
    expect(res.status).toBe(303);
    const cookie = named(res, '__Host-mpt.sid');
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/; Domain=/i);
    expect(named(res, 'mpt.sid')).toBeUndefined();

    const home = await request(t.app).get('/').set(HTTPS).set('Cookie', pair(cookie)).expect(200);
    // The same id under the plain name is not read over HTTPS: a cookie planted by a sibling subdomain counts for nothing.
    const planted = await request(t.app).get('/').set(HTTPS).set('Cookie', pair(cookie).replace('__Host-', ''));
    expect(planted.headers.location).toBe('/login');

    const out = await request(t.app).post('/logout').set(HTTPS).set('Cookie', pair(cookie)).type('form').send({ _csrf: csrfFrom(home.text) });
    expect(out.status).toBe(303);
    const cleared = named(out, '__Host-mpt.sid');
    expect(cleared).toMatch(/^__Host-mpt\.sid=;/);
    expect(cleared).toMatch(/; Path=\//);
    expect(cleared).toMatch(/; Secure/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await request(t.app).get('/').set(HTTPS).set('Cookie', pair(cookie))).headers.location).toBe('/login');
  });

  test('over plain HTTP (no TLS in front) it keeps the plain name, which a browser accepts without Secure', async () => {
    const res = await signInOver({});
    expect(res.status).toBe(303);
    expect(named(res, 'mpt.sid')).toBeDefined();
    expect(named(res, '__Host-mpt.sid')).toBeUndefined();
  });
});

describe('TRUST_PROXY in production', () => {
  const env = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db.example/tracker', SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent' };

  test('true is refused with a plain message naming what to set instead', () => {
    expect(() => loadConfig({ ...env, TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true is refused in production.*number of proxies.*addresses/);
  });

  test('a hop count or addresses are accepted; true still works outside production', () => {
    expect(loadConfig({ ...env, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...env, TRUST_PROXY: '10.0.0.1,10.0.0.2' }).trustProxy).toBe('10.0.0.1,10.0.0.2');
    expect(loadConfig({ ...env, NODE_ENV: 'development', TRUST_PROXY: 'true', DATA_DIR: 'data/local' }).trustProxy).toBe(true);
  });
});
