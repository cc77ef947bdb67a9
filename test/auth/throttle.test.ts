import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import { openPostgres, Database } from '../../src/db';
import { createThrottle } from '../../src/auth/throttle';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser, PASSWORD } from '../helpers/factories';
import { csrfFrom, postForm } from '../helpers/session';

// Behind a trusted proxy, so that each test can sign in from addresses of its own.
let t: TestApp;
beforeAll(async () => { t = await startTestApp({ trustProxy: true }); });
afterAll(async () => { await t.close(); });
jest.setTimeout(120_000);

function attempt(app: Express, email: string, password: string, address: string, language = 'en') {
  const agent = request.agent(app).set('X-Forwarded-For', address).set('Accept-Language', language);
  return postForm(agent, '/login', { email, password });
}

/** Answers of `count` wrong attempts sent at once, as counts per status. */
async function concurrentWrong(apps: Express[], email: string, address: (i: number) => string, count: number) {
  const answers = await Promise.all(Array.from({ length: count }, (_, i) => attempt(apps[i % apps.length], email, `wrong password ${i}`, address(i))));
  const tally: Record<number, number> = {};
  for (const a of answers) tally[a.status] = (tally[a.status] ?? 0) + 1;
  return { tally, answers };
}

const THROTTLED = 'Too many attempts. Try again later, in 15 minutes at most.';
const THROTTLED_FR = 'Trop de tentatives. Réessayez plus tard, dans 15 minutes au plus.';
const PASSWORD_THROTTLED = 'Too many wrong tries at your current password. Try again later, in 15 minutes at most.';

describe('sign-in throttling', () => {
  test('50 wrong attempts at once for one account from one address: only 10 are checked, the rest get 429 with Retry-After', async () => {
    const user = await createUser(t.db, 'member');
    const { tally, answers } = await concurrentWrong([t.app], user.email, () => '203.0.113.1', 50);
    expect(tally).toEqual({ 401: 10, 429: 40 });
    for (const refused of answers.filter((a) => a.status === 429)) {
      const seconds = Number(refused.headers['retry-after']);
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(15 * 60);
    }
    // The right password from that address is refused too; from another address the owner gets in.
    const again = await attempt(t.app, user.email, PASSWORD, '203.0.113.1');
    expect(again.status).toBe(429);
    expect(again.text).toContain(THROTTLED);
    expect(again.text).toContain(`value="${user.email}"`); // the typed e-mail is kept
    expect((await attempt(t.app, user.email, PASSWORD, '203.0.113.2')).status).toBe(303);
  });

  test('the refusal is in plain words in French too', async () => {
    const user = await createUser(t.db, 'member');
    await concurrentWrong([t.app], user.email, () => '203.0.113.5', 10);
    const res = await attempt(t.app, user.email, PASSWORD, '203.0.113.5', 'fr');
    expect(res.status).toBe(429);
    expect(res.text).toContain(THROTTLED_FR);
    expect(res.text).toContain(`value="${user.email}"`);
  });

  test('wrong attempts from many addresses do not lock the owner out', async () => {
    const user = await createUser(t.db, 'member');
    // Twice the per-address limit in all, two from each of ten addresses: all checked, none refused.
    const { tally } = await concurrentWrong([t.app], user.email, (i) => `198.51.100.${i % 10}`, 20);
    expect(tally).toEqual({ 401: 20 });
    expect((await attempt(t.app, user.email, PASSWORD, '198.51.100.200')).status).toBe(303);
  });

  // The high limits are reached through the throttle itself (as 100 wrong passwords would), which
  // saves checking a hundred argon2 hashes; what a user then sees is asked of the app.
  test('the account as a whole refuses after 100 attempts from many addresses, at once', async () => {
    const user = await createUser(t.db, 'member');
    const throttle = createThrottle(t.db);
    const reservations = await Promise.all(Array.from({ length: 120 }, (_, i) => throttle.reserveSignIn(user.email.toLowerCase(), `10.1.${i}.1`)));
    expect(reservations.filter((r) => r.ok)).toHaveLength(100);
    const res = await attempt(t.app, user.email, PASSWORD, '198.51.100.250');
    expect(res.status).toBe(429);
    expect(res.text).toContain(THROTTLED);
  });

  test('a success clears the count for that account and address: ten more are checked, and no more', async () => {
    const user = await createUser(t.db, 'member');
    expect((await concurrentWrong([t.app], user.email, () => '192.0.2.10', 9)).tally).toEqual({ 401: 9 });
    expect((await attempt(t.app, user.email, PASSWORD, '192.0.2.10')).status).toBe(303);
    expect((await concurrentWrong([t.app], user.email, () => '192.0.2.10', 20)).tally).toEqual({ 401: 10, 429: 10 });
  });

  test('per address: after 100 attempts on any e-mails from one address, that address gets 429 for everyone', async () => {
    const user = await createUser(t.db, 'member');
    const throttle = createThrottle(t.db);
    const reservations = await Promise.all(Array.from({ length: 110 }, (_, i) => throttle.reserveSignIn(`guess${i}@example.org`, '203.0.113.77')));
    expect(reservations.filter((r) => r.ok)).toHaveLength(100);
    expect((await attempt(t.app, user.email, PASSWORD, '203.0.113.77')).status).toBe(429);
    expect((await attempt(t.app, user.email, PASSWORD, '203.0.113.78')).status).toBe(303);
  });

  test('two app instances with their own connections on one database share the limits', async () => {
    const user = await createUser(t.db, 'member');
    const other = secondInstance();
    try {
      const { tally } = await concurrentWrong([t.app, other.app], user.email, () => '192.0.2.20', 30);
      expect(tally).toEqual({ 401: 10, 429: 20 });
      expect((await attempt(other.app, user.email, PASSWORD, '192.0.2.20')).status).toBe(429);
    } finally {
      await other.close();
    }
  });

  test('the count survives a restart: a new app on the same database still refuses', async () => {
    const user = await createUser(t.db, 'member');
    await concurrentWrong([t.app], user.email, () => '192.0.2.30', 10);
    const restarted = createApp({ db: t.db, config: t.config });
    expect((await attempt(restarted, user.email, PASSWORD, '192.0.2.30')).status).toBe(429);
  });

  test('attempts older than 15 minutes no longer count', async () => {
    const user = await createUser(t.db, 'member');
    await concurrentWrong([t.app], user.email, () => '192.0.2.40', 10);
    expect((await attempt(t.app, user.email, PASSWORD, '192.0.2.40')).status).toBe(429);
    await t.db('login_attempts').update({ expire: Date.now() - 1 }); // as if every window had passed
    expect((await attempt(t.app, user.email, PASSWORD, '192.0.2.40')).status).toBe(303);
  });
});

describe('change-password throttling', () => {
  type Agent = ReturnType<typeof request.agent>;
  const changeWith = (agent: Agent, current: string, next = 'a brand new passphrase 2026') =>
    postForm(agent, '/account/password', { current_password: current, new_password: next }, '/account');
  /** Wrong current passwords sent at once, from one showing of the form (one token), as a script would. */
  async function changeAtOnce(agent: Agent, count: number) {
    const token = csrfFrom((await agent.get('/account')).text);
    return Promise.all(Array.from({ length: count }, (_, i) => agent.post('/account/password').type('form')
      .send({ _csrf: token, current_password: `wrong current ${i}`, new_password: 'a brand new passphrase 2026' })));
  }

  async function signedIn(email: string) {
    const agent = request.agent(t.app).set('X-Forwarded-For', '192.0.2.99');
    expect((await postForm(agent, '/login', { email, password: PASSWORD })).status).toBe(303);
    return agent;
  }

  test('15 wrong current passwords at once: 10 are checked, 5 get 429 with the form shown again; then even the right one waits', async () => {
    const user = await createUser(t.db, 'member');
    const agent = await signedIn(user.email);
    const answers = await changeAtOnce(agent, 15);
    expect(answers.filter((a) => a.status === 422)).toHaveLength(10);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(5);
    expect(Number(refused[0].headers['retry-after'])).toBeGreaterThan(0);
    expect(refused[0].text).toContain(PASSWORD_THROTTLED);
    expect(refused[0].text).toContain('name="current_password"');
    const right = await changeWith(agent, PASSWORD);
    expect(right.status).toBe(429);
    // The password is unchanged, and its owner can still sign in: the limit is on this check only.
    expect((await attempt(t.app, user.email, PASSWORD, '192.0.2.98')).status).toBe(303);
  });

  test('a right current password clears the count', async () => {
    const user = await createUser(t.db, 'member');
    const agent = await signedIn(user.email);
    for (let i = 0; i < 9; i++) expect((await changeWith(agent, `wrong current ${i}`)).status).toBe(422);
    expect((await changeWith(agent, PASSWORD, 'short')).status).toBe(422); // right current, refused new one
    const answers = await changeAtOnce(agent, 12);
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(10).fill(422), 429, 429]);
  });
});

/**
 * A second instance of the app on the same database: on PostgreSQL with its own pool, as another
 * process would have; the embedded database has one connection, so a second app shares it.
 */
function secondInstance(): { app: Express; close(): Promise<void> } {
  const connection = (t.db.client.config.connection ?? {}) as { connectionString?: string };
  if (t.database.kind === 'embedded' || !connection.connectionString) {
    return { app: createApp({ db: t.db, config: t.config }), close: () => Promise.resolve() };
  }
  const database: Database = openPostgres(connection.connectionString, 5);
  return { app: createApp({ db: database.knex, config: t.config }), close: () => database.close() };
}
