import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser, PASSWORD } from '../helpers/factories';
import { csrfFrom, postForm, signIn, signInAt, FROM_OUR_PAGE } from '../helpers/session';
import type { SessionUser } from '../../src/shared/types';

let t: TestApp;
let member: SessionUser;
beforeAll(async () => {
  t = await startTestApp();
  member = await createUser(t.db, 'member', { name: 'Mo Member' });
});
afterAll(async () => { await t.close(); });

const sessionCookie = (res: request.Response) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('mpt.sid='))?.split(';')[0];

describe('sign in', () => {
  test('the right email (any case) and password sign in; the cookie is HttpOnly and SameSite=Lax', async () => {
    const agent = request.agent(t.app);
    const res = await postForm(agent, '/login', { email: member.email.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(res.headers['set-cookie'][0]).toMatch(/HttpOnly/);
    expect(res.headers['set-cookie'][0]).toMatch(/SameSite=Lax/);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Hello, Mo Member');
    expect(home.headers['cache-control']).toBe('no-store');
    expect(await t.db('users').where({ id: member.id }).first()).toHaveProperty('last_login_at', expect.any(Date));
  });

  test('showing the sign-in page to a new visitor stores nothing; its form is tied to the visitor’s own cookie', async () => {
    const sessions = async () => Number((await t.db('sessions').count('* as n').first())!.n);
    const before = await sessions();
    const visitor = request.agent(t.app);
    const page = await visitor.get('/login').expect(200);
    expect(sessionCookie(page)).toBeUndefined();
    const cookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).find((c) => c.startsWith('mpt.signin='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(await sessions()).toBe(before);

    // The token without the cookie, or with another visitor's cookie, is refused before any password is checked.
    const token = csrfFrom(page.text);
    const other = (await request(t.app).get('/login')).headers['set-cookie'][0].split(';')[0];
    for (const cookies of [[], [other]]) {
      const forged = await request(t.app).post('/login').set('Cookie', cookies).type('form').send({ _csrf: token, email: member.email, password: PASSWORD });
      expect(forged.status).toBe(403);
      expect(sessionCookie(forged)).toBeUndefined();
    }
    const tampered = await visitor.post('/login').type('form').send({ _csrf: token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'), email: member.email, password: PASSWORD });
    expect(tampered.status).toBe(403);
    // The visitor's own form signs in.
    const res = await visitor.post('/login').type('form').send({ _csrf: token, email: member.email, password: PASSWORD });
    expect(res.status).toBe(303);
    expect(sessionCookie(res)).toBeDefined();
  });

  test('an unknown email and a wrong password get the same answer', async () => {
    const wrong = await postForm(request.agent(t.app), '/login', { email: member.email, password: 'not the password at all' });
    const unknown = await postForm(request.agent(t.app), '/login', { email: 'nobody@example.org', password: 'not the password at all' });
    const message = (html: string) => html.match(/id="login-error">([^<]*)</)?.[1];
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(message(wrong.text)).toBe('The email or password is not right. Check them and try again.');
    expect(message(unknown.text)).toBe(message(wrong.text));
    expect(wrong.text).toContain(`value="${member.email}"`);
  });

  test('a deactivated user cannot sign in, with the same message', async () => {
    const gone = await createUser(t.db, 'member', { active: false });
    const res = await postForm(request.agent(t.app), '/login', { email: gone.email, password: PASSWORD });
    expect(res.status).toBe(401);
    expect(res.text).toContain('The email or password is not right.');
  });

  test('the session is regenerated at sign-in: the cookie before is not the cookie after, and is worthless', async () => {
    // A visitor has no session; the one session made before signing in is the one that keeps a form
    // posted after the member's session expired.
    const agent = await signIn(t.app, member.email);
    const token = csrfFrom((await agent.get('/account')).text);
    await t.db('sessions').whereRaw(`(sess::jsonb #>> '{passport,user}')::int = ?`, [member.id]).delete();
    const kept = await agent.post('/meetings/new').set(FROM_OUR_PAGE).type('form').send({ _csrf: token, notes: 'Kept' });
    const before = sessionCookie(kept);
    expect(before).toBeDefined();
    const res = await signInAt(agent, kept.headers.location, member.email);
    const after = sessionCookie(res);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const replay = await request(t.app).get('/').set('Cookie', before!);
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toBe('/login');
  });

  test('signing out destroys the session: replaying the old cookie leads to the sign-in page', async () => {
    const agent = await signIn(t.app, member.email);
    const page = await agent.get('/account').expect(200);
    const cookie = sessionCookie(page)!; // sessions roll: every answer carries the cookie
    expect(cookie).toBeDefined();
    const out = await agent.post('/logout').type('form').send({ _csrf: csrfFrom(page.text) });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/login');
    expect(sessionCookie(out)).toBe('mpt.sid='); // cleared in the browser too
    const replay = await request(t.app).get('/account').set('Cookie', cookie);
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toBe('/login?next=%2Faccount');
  });

  test('after signing in, the member returns to the page they wanted; where to go is in the address, not in a session', async () => {
    const sessions = async () => Number((await t.db('sessions').count('* as n').first())!.n);
    const before = await sessions();
    const agent = request.agent(t.app);
    const wanted = await agent.get('/account?tab=password');
    expect(wanted.headers.location).toBe('/login?next=%2Faccount%3Ftab%3Dpassword');
    expect(await sessions()).toBe(before);
    const res = await signInAt(agent, wanted.headers.location, member.email);
    expect(res.headers.location).toBe('/account?tab=password');
  });

  test('the sign-in address carries the page wanted, encoded, and nothing for the home page', async () => {
    expect((await request(t.app).get('/meetings/5?x=1').expect(303)).headers.location).toBe('/login?next=%2Fmeetings%2F5%3Fx%3D1');
    expect((await request(t.app).get('/').expect(303)).headers.location).toBe('/login');
  });

  test.each(['//evil.example', '/\\evil.example', '//evil.example/%2F..', '/%5Cevil.example', '/meetings/..//evil.example', '/%2e%2e//evil.example', '/.//evil.example', 'https://evil.example/'])('never returns to another site (%s)', async (path) => {
    const agent = request.agent(t.app);
    const res = await signInAt(agent, `/login?next=${encodeURIComponent(path)}`, member.email);
    expect(res.status).toBe(303);
    const site = 'https://tracker.example';
    expect(new URL(res.headers.location, site).origin).toBe(site);
    expect(res.headers.location).not.toMatch(/^\/\//);
  });

  test.each(['//evil.example', '/\\evil.example', 'https://evil.example/', 'http:/evil.example', 'javascript:alert(1)', '/x/..//evil.example'])('the language switch never sends anyone to another site (%s)', async (next) => {
    const res = await request(t.app).post('/language').type('form').send({ lang: 'fr', next });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
  });
});

describe('CSRF', () => {
  test('a state-changing POST without a token, or with a wrong one, is refused with 403 and changes nothing', async () => {
    const admin = await createUser(t.db, 'admin');
    const agent = await signIn(t.app, admin.email);
    const missing = await agent.post('/admin/locals/new').type('form').send({ name: 'Sneaky local' });
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('This form has expired.');
    const wrong = await agent.post('/admin/locals/new').type('form').send({ _csrf: 'not-the-token', name: 'Sneaky local' });
    expect(wrong.status).toBe(403);
    const other = await signIn(t.app, member.email);
    const stolen = csrfFrom((await other.get('/account')).text); // a real token, of another session
    const crossed = await agent.post('/admin/locals/new').type('form').send({ _csrf: stolen, name: 'Sneaky local' });
    expect(crossed.status).toBe(403);
    expect(await t.db('locals').where({ name: 'Sneaky local' }).first()).toBeUndefined();
    const login = await request.agent(t.app).post('/login').type('form').send({ email: member.email, password: PASSWORD });
    expect(login.status).toBe(403);
  });
});

describe('a browser that follows the redirect as soon as it has the headers', () => {
  // With a pool of connections (a real PostgreSQL) the home page's read could overtake the session's save.
  test('finds itself signed in: the session is saved before the redirect is sent', async () => {
    const server = t.app.listen(0);
    const port = (server.address() as import('node:net').AddressInfo).port;
    try {
      for (let i = 0; i < 8; i++) {
        const page = await fetch(`http://127.0.0.1:${port}/login`);
        const formCookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
        const body = new URLSearchParams({ _csrf: csrfFrom(await page.text()), email: member.email, password: PASSWORD });
        // fetch resolves on the headers; the body is never waited for.
        const res = await fetch(`http://127.0.0.1:${port}/login`, { method: 'POST', redirect: 'manual', body,
          headers: { cookie: formCookie, 'content-type': 'application/x-www-form-urlencoded' } });
        const cookie = res.headers.getSetCookie().find((c) => c.startsWith('mpt.sid='))!.split(';')[0];
        const home = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual', headers: { cookie } });
        expect(home.status).toBe(200);
        await Promise.all([res.arrayBuffer(), home.arrayBuffer()]);
      }
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
