import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser, PASSWORD } from '../helpers/factories';
import { csrfFrom, postForm, signIn, Agent, SIGN_IN } from '../helpers/session';

/**
 * An old session cookie, replayed by whoever kept a copy, after the event that should have ended it.
 * (test/auth/ covers the plain cases: logout, the idle and absolute limits, a password change,
 * a deactivation; these are the ones an attacker would try next.)
 */
let t: TestApp;
beforeAll(async () => { t = await startTestApp({ trustProxy: true }); });
afterAll(async () => { await t.close(); });

function cookieOf(res: request.Response, name = 'mpt.sid'): string {
  return ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${name}=`))!.split(';')[0];
}

/** A cookie replayed by a client that is not the agent that got it. */
async function replay(cookie: string, url = '/account') {
  const res = await request(t.app).get(url).set('Cookie', cookie);
  return res.status === 303 && SIGN_IN.test(res.headers.location) ? 'refused' : res.status;
}

async function signInWithCookie(email: string, password = PASSWORD): Promise<{ agent: Agent; cookie: string }> {
  const agent = request.agent(t.app);
  const res = await postForm(agent, '/login', { email, password });
  expect(res.status).toBe(303);
  return { agent, cookie: cookieOf(res) };
}

test('throttle: a sign-in form (cookie and token) kept from before the lockout, replayed with the right password, is refused and signs nobody in', async () => {
  const user = await createUser(t.db, 'member');
  const agent = request.agent(t.app).set('X-Forwarded-For', '203.0.113.50');
  const page = await agent.get('/login');
  const token = csrfFrom(page.text);
  for (let i = 0; i < 10; i++) await agent.post('/login').type('form').send({ _csrf: token, email: user.email, password: 'wrong password ' + i });
  // The lockout is for this account from this address (another address stays the owner's way in).
  const res = await request(t.app).post('/login').set('X-Forwarded-For', '203.0.113.50').set('Cookie', cookieOf(page, 'mpt.signin')).type('form').send({ _csrf: token, email: user.email, password: PASSWORD });
  expect(res.status).toBe(429);
  expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => c.startsWith('mpt.sid='))).toBe(false);
  expect(await replay(cookieOf(page, 'mpt.signin'))).toBe('refused');
  expect(await t.db('users').where({ id: user.id }).first('last_login_at')).toEqual({ last_login_at: null });
});

test('deactivation: the cookie stays refused after the user is reactivated', async () => {
  const user = await createUser(t.db, 'member');
  const admin = await signIn(t.app, (await createUser(t.db, 'admin')).email);
  const { cookie } = await signInWithCookie(user.email);
  expect(await replay(cookie)).toBe(200);
  expect((await postForm(admin, `/admin/users/${user.id}`, { role: 'member', local_id: '' })).status).toBe(303);
  expect(await replay(cookie)).toBe('refused');
  expect((await postForm(admin, `/admin/users/${user.id}`, { role: 'member', local_id: '', active: 'on' })).status).toBe(303);
  expect(await replay(cookie)).toBe('refused');
  await signInWithCookie(user.email); // the user, not the old cookie, may come back
});

test('password change: the other session stays refused after the password is changed back', async () => {
  const user = await createUser(t.db, 'member');
  const { cookie: stolen } = await signInWithCookie(user.email);
  const { agent } = await signInWithCookie(user.email);
  const change = (from: string, to: string) => postForm(agent, '/account/password', { current_password: from, new_password: to }, '/account');
  expect((await change(PASSWORD, 'a brand new passphrase')).status).toBe(303);
  expect(await replay(stolen)).toBe('refused');
  expect((await change('a brand new passphrase', PASSWORD)).status).toBe(303);
  expect(await replay(stolen)).toBe('refused');
  expect((await agent.get('/account')).status).toBe(200);
});

test('logout: the replayed cookie is refused on every kind of route, and a POST with it changes nothing', async () => {
  const user = await createUser(t.db, 'coordinator');
  const { agent, cookie } = await signInWithCookie(user.email);
  const token = csrfFrom((await agent.get('/account')).text);
  expect((await agent.post('/logout').type('form').send({ _csrf: token })).status).toBe(303);
  for (const url of ['/', '/dashboard', '/officials', '/campaigns', '/officials/imports']) expect(await replay(cookie, url)).toBe('refused');
  const post = await request(t.app).post('/campaigns/new').set('Cookie', cookie).type('form').send({ _csrf: token, name: 'Replayed', ask: 'x' });
  expect(post.status).toBe(403); // not from our page: not even kept for after signing in
  expect(await t.db('campaigns').where({ name: 'Replayed' }).first()).toBeUndefined();
});
