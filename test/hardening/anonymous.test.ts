import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser, PASSWORD } from '../helpers/factories';
import { commonsFile } from '../helpers/officials.factories';
import { csrfFrom, signIn, signInAt, FROM_OUR_PAGE } from '../helpers/session';
import type { SessionUser } from '../../src/shared/types';

/**
 * What an anonymous request may cost: no session row, no form kept, no multipart body read. And a
 * form posted from another site never becomes a form kept for after signing in.
 */
let t: TestApp;
let admin: SessionUser;
let victim: SessionUser;
beforeAll(async () => {
  t = await startTestApp();
  admin = await createUser(t.db, 'admin');
  victim = await createUser(t.db, 'member');
});
afterAll(async () => { await t.close(); });

const sessionRows = async () => Number((await t.db('sessions').count('* as n').first())!.n);
const setCookies = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []);
const sessionCookie = (res: request.Response) => setCookies(res).find((c) => c.startsWith('mpt.sid='))?.split(';')[0];

/** An admin signed in, whose session then expires on the server while their browser keeps the cookie. */
async function expiredAdmin() {
  const agent = await signIn(t.app, admin.email);
  const page = await agent.get(`/admin/users/${victim.id}`).expect(200);
  const cookie = sessionCookie(page)!;
  await t.db('sessions').whereRaw(`(sess::jsonb #>> '{passport,user}')::int = ?`, [admin.id]).delete();
  return { agent, cookie, token: csrfFrom(page.text) };
}

describe('an anonymous visitor costs no session row', () => {
  test('GET /, a 404, /robots.txt, a page with a return path, a POST to a protected path and the language switch store nothing', async () => {
    await t.db('sessions').delete();
    const visitor = request.agent(t.app);
    for (const url of ['/', '/nowhere/at/all', '/robots.txt', '/meetings/5']) {
      const res = await visitor.get(url);
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(/^\/login/);
      expect(sessionCookie(res)).toBeUndefined();
    }
    expect((await visitor.get('/login?next=/meetings/5')).status).toBe(200);
    const posted = await visitor.post('/meetings/new').type('form').send({ notes: 'x'.repeat(90_000) });
    expect(posted.status).toBe(403);
    expect(sessionCookie(posted)).toBeUndefined();
    await visitor.post('/language').type('form').send({ lang: 'fr', next: '/login' }).expect(303);
    const wrong = await visitor.post('/login').type('form').send({ _csrf: csrfFrom((await visitor.get('/login')).text), email: victim.email, password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(await sessionRows()).toBe(0);
  });

  test('the page wanted travels in the address: /meetings/5 → /login?next=%2Fmeetings%2F5 → back there after signing in', async () => {
    const visitor = request.agent(t.app);
    const res = await visitor.get('/admin/users?page=2');
    expect(res.headers.location).toBe('/login?next=%2Fadmin%2Fusers%3Fpage%3D2');
    const back = await signInAt(visitor, res.headers.location, admin.email);
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe('/admin/users?page=2');
  });
});

describe('a form posted without a signed-in user', () => {
  const crossSite: [string, Record<string, string>][] = [
    ['from another site (Sec-Fetch-Site)', { 'Sec-Fetch-Site': 'cross-site', Origin: 'http://evil.example' }],
    ['from another origin (Origin only)', { Origin: 'http://evil.example' }],
    ['from a sibling subdomain (same-site)', { 'Sec-Fetch-Site': 'same-site' }],
    ['with a same-origin claim but another Origin', { 'Sec-Fetch-Site': 'same-origin', Origin: 'http://evil.example' }],
    ['with neither header', {}],
  ];

  test.each(crossSite)('%s, carrying an expired session’s cookie: 403, nothing kept, the cookie left alone', async (_name, headers) => {
    const { cookie } = await expiredAdmin();
    const before = await sessionRows();
    const res = await request(t.app).post(`/admin/users/${victim.id}`).set('Cookie', cookie).set(headers)
      .type('form').send({ role: 'admin', name: 'Taken over' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('You are not signed in, so nothing was done.');
    expect(setCookies(res)).toEqual([]);
    expect(await sessionRows()).toBe(before);
    expect((await t.db('users').where({ id: victim.id }).first()).role).toBe('member');
  });

  test('from our own page without a session cookie, or with a forged one: 403, nothing stored', async () => {
    const before = await sessionRows();
    for (const cookie of [[], ['mpt.sid=s:made-up-id.not-a-signature'], ['mpt.sid=plain-value']]) {
      const res = await request(t.app).post('/meetings/new').set('Cookie', cookie).set(FROM_OUR_PAGE).type('form').send({ notes: 'kept?' });
      expect(res.status).toBe(403);
      expect(setCookies(res)).toEqual([]);
    }
    expect(await sessionRows()).toBe(before);
  });

  test('a cross-site post while the victim is signed in (no cookie, SameSite=Lax) leaves the victim’s session as it was', async () => {
    const agent = await signIn(t.app, admin.email);
    const cookie = sessionCookie(await agent.get('/account'))!;
    const res = await request(t.app).post(`/admin/users/${victim.id}`).set({ Origin: 'http://evil.example', 'Sec-Fetch-Site': 'cross-site' })
      .type('form').send({ role: 'admin', active: 'on' });
    expect(res.status).toBe(403);
    expect(setCookies(res)).toEqual([]);
    const still = await request(t.app).get(`/admin/users/${victim.id}`).set('Cookie', cookie);
    expect(still.status).toBe(200);
    expect(still.text).not.toMatch(/<option value="admin" selected>/);
  });

  test('from our own page with an expired session’s cookie: kept, put back after signing in, without role, local or active', async () => {
    const { agent, token } = await expiredAdmin();
    const res = await agent.post(`/admin/users/${victim.id}`).set(FROM_OUR_PAGE).type('form')
      .send({ _csrf: token, role: 'admin', local_id: '1', active: 'on', name: 'Kept name' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(`/admin/users/${victim.id}`)}`);
    const stored = await t.db('sessions').whereRaw(`sess::jsonb #> '{pendingForm}' is not null`).first();
    expect(stored.sess.pendingForm.body).toEqual({ name: 'Kept name' });
    const back = await signInAt(agent, res.headers.location, admin.email);
    expect(back.headers.location).toBe(`/admin/users/${victim.id}`);
    const form = await agent.get(back.headers.location).expect(200);
    expect(form.text).toMatch(/<option value="member" selected>/);
    expect(form.text).not.toMatch(/<option value="admin" selected>/);
    expect((await t.db('users').where({ id: victim.id }).first()).role).toBe('member');
  });

  test('a browser’s Origin for our own address is enough (no Sec-Fetch-Site, as over plain HTTP to another host)', async () => {
    const { cookie, token } = await expiredAdmin();
    const server = t.app.listen(0);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const res = await request(server).post('/meetings/new').set('Cookie', cookie).set('Origin', origin).type('form').send({ _csrf: token, notes: 'Mine' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/login?next=%2Fmeetings%2Fnew');
    } finally {
      server.close();
    }
  });
});

/** Sends the headers of a big multipart body and its first bytes only; resolves with the answer's status. */
function multipartHeadersOnly(port: number, path: string, cookie = ''): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ port, path, method: 'POST', headers: {
      'content-type': 'multipart/form-data; boundary=x', 'content-length': String(7 * 1024 * 1024), cookie,
    } });
    req.on('response', (res) => { res.resume(); resolve(res.statusCode!); req.destroy(); });
    req.on('error', reject);
    req.write(`--x\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n${'a'.repeat(64 * 1024)}`);
    // The rest of the 7 MB is never sent: only an answer that did not wait for it arrives.
  });
}

describe('multipart bodies', () => {
  test('are answered without being read on every path but the import, and on the import before the role check lets them in', async () => {
    const member = await signIn(t.app, victim.email);
    const memberCookie = sessionCookie(await member.get('/account'))!;
    const server = t.app.listen(0);
    const port = (server.address() as AddressInfo).port;
    try {
      expect(await multipartHeadersOnly(port, '/login')).toBe(415);
      expect(await multipartHeadersOnly(port, '/meetings/new', memberCookie)).toBe(415);
      expect(await multipartHeadersOnly(port, '/officials/imports/1', memberCookie)).toBe(415);
      expect(await multipartHeadersOnly(port, '/officials/imports')).toBe(403); // anonymous
      expect(await multipartHeadersOnly(port, '/officials/imports', memberCookie)).toBe(403); // a member
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  test('a small multipart form elsewhere gets a plain 415', async () => {
    const res = await request(t.app).post('/login').field('email', victim.email).field('password', PASSWORD);
    expect(res.status).toBe(415);
    expect(res.text).toContain('This page does not take files.');
  });

  test('the import takes its file with the form’s token, and refuses it without or with another token', async () => {
    const coordinator = await createUser(t.db, 'coordinator');
    const agent = await signIn(t.app, coordinator.email);
    const token = csrfFrom((await agent.get('/officials/imports')).text);
    const bytes = commonsFile([',Ziad,Aboultaif,Edmonton Manning,Alberta,Conservative,2021-09-20 12:00:00 AM,']);
    const batches = async () => Number((await t.db('import_batches').count('* as n').first())!.n);
    const before = await batches();
    const without = await agent.post('/officials/imports').attach('file', bytes, { filename: 'mps.csv', contentType: 'text/csv' });
    expect(without.status).toBe(403);
    const wrong = await agent.post('/officials/imports').field('_csrf', token.slice(0, -2) + 'xx').attach('file', bytes, { filename: 'mps.csv', contentType: 'text/csv' });
    expect(wrong.status).toBe(403);
    expect(await batches()).toBe(before);
    const ok = await agent.post('/officials/imports').field('_csrf', token).attach('file', bytes, { filename: 'mps.csv', contentType: 'text/csv' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toMatch(/^\/officials\/imports\/\d+$/);
    expect(await batches()).toBe(before + 1);
  });
});
