import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser, PASSWORD } from '../helpers/factories';
import { postForm, signIn, Agent } from '../helpers/session';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

async function expectSignedOut(agent: Agent) {
  const res = await agent.get('/');
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/login');
}

/** Moves a user's sign-in back in time, in the session store itself, as if hours had passed. */
async function signedInHoursAgo(userId: number, hours: number) {
  const at = Date.now() - hours * 3600_000;
  await t.db('users').where({ id: userId }).update({ sessions_valid_after: new Date(at - 60_000) });
  await t.db('sessions')
    .whereRaw(`(sess::jsonb #>> '{passport,user}')::int = ?`, [userId])
    .update({ sess: t.db.raw(`jsonb_set(sess::jsonb, '{authenticatedAt}', to_jsonb(?::bigint))::json`, [at]) });
}

describe('sessions', () => {
  test('a password change ends the other sessions of that user and keeps this one', async () => {
    const user = await createUser(t.db, 'member');
    const here = await signIn(t.app, user.email);
    const elsewhere = await signIn(t.app, user.email);
    const wrong = await postForm(here, '/account/password', { current_password: 'not my password!', new_password: 'a new long passphrase' }, '/account');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Your current password is not right.');
    await elsewhere.get('/').expect(200);

    const res = await postForm(here, '/account/password', { current_password: PASSWORD, new_password: 'a new long passphrase' }, '/account');
    expect(res.status).toBe(303);
    expect((await here.get('/account').expect(200)).text).toContain('Your password has been changed.');
    await expectSignedOut(elsewhere);
    await signIn(t.app, user.email, 'a new long passphrase');
  });

  test('the 12-hour absolute limit: a session active all along ends 12 hours after signing in', async () => {
    const user = await createUser(t.db, 'member');
    const agent = await signIn(t.app, user.email);
    await signedInHoursAgo(user.id, 11.9);
    await agent.get('/').expect(200);
    await signedInHoursAgo(user.id, 12.1);
    await expectSignedOut(agent);
    expect(await t.db('sessions').whereRaw(`(sess::jsonb #>> '{passport,user}')::int = ?`, [user.id]).first()).toBeUndefined();
  });

  test('the idle limit is 30 minutes: the stored session expires then; the cookie goes with the browser', async () => {
    const user = await createUser(t.db, 'member');
    const agent = request.agent(t.app);
    const res = await postForm(agent, '/login', { email: user.email, password: PASSWORD });
    const cookie = ([] as string[]).concat(res.headers['set-cookie']).find((c) => c.startsWith('mpt.sid='))!;
    // No expiry of its own: a form posted after the idle limit still carries it, which tells a
    // member whose session expired (their form is kept) from a stranger (refused).
    expect(cookie).not.toMatch(/Expires=|Max-Age=/i);
    const mine = () => t.db('sessions').whereRaw(`(sess::jsonb #>> '{passport,user}')::int = ?`, [user.id]);
    const { m } = await mine().first(t.db.raw('extract(epoch from expire - now())::float / 60 AS m'));
    expect(m).toBeGreaterThan(29);
    expect(m).toBeLessThanOrEqual(30.05); // the store rounds up to the second
    await mine().update({ expire: t.db.raw(`now() - interval '1 second'`) });
    await expectSignedOut(agent);
  });

  test('activity pushes the idle limit back, writing the session at most once a minute', async () => {
    const user = await createUser(t.db, 'member');
    const agent = await signIn(t.app, user.email);
    const mine = () => t.db('sessions').whereRaw(`(sess::jsonb #>> '{passport,user}')::int = ?`, [user.id]);
    const minutesLeft = async () => (await mine().first(t.db.raw('extract(epoch from expire - now())::float / 60 AS m'))).m;
    await agent.get('/').expect(200);
    await mine().update({ expire: t.db.raw(`now() + interval '20 minutes'`) });
    await agent.get('/').expect(200);
    expect(await minutesLeft()).toBeLessThan(21); // touched less than a minute ago: not written again
    await mine().update({ sess: t.db.raw(`jsonb_set(sess::jsonb, '{touchedAt}', to_jsonb(?::bigint))::json`, [Date.now() - 61_000]) });
    await agent.get('/').expect(200);
    expect(await minutesLeft()).toBeGreaterThan(29);
  });

  test('a signed-in user who is deactivated is signed out at their next request', async () => {
    const user = await createUser(t.db, 'coordinator');
    const agent = await signIn(t.app, user.email);
    await agent.get('/').expect(200);
    await t.db('users').where({ id: user.id }).update({ active: false });
    await expectSignedOut(agent);
  });
});
