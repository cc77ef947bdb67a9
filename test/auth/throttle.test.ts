import request from 'supertest';
import { createApp } from '../../src/app';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser, PASSWORD } from '../helpers/factories';
import { postForm } from '../helpers/session';

// Behind a trusted proxy, so that each test can sign in from addresses of its own.
let t: TestApp;
beforeAll(async () => { t = await startTestApp({ trustProxy: true }); });
afterAll(async () => { await t.close(); });

function attempt(app: typeof t.app, email: string, password: string, address: string) {
  const agent = request.agent(app);
  agent.set('X-Forwarded-For', address);
  return postForm(agent, '/login', { email, password });
}

const THROTTLED = 'Too many failed attempts. Wait 15 minutes, then try again.';

describe('sign-in throttling', () => {
  test('per account: after ten failures from anywhere, the eleventh attempt gets 429, even with the right password', async () => {
    const user = await createUser(t.db, 'member');
    for (let i = 1; i <= 10; i++) expect((await attempt(t.app, user.email, 'wrong password number', `203.0.113.${i}`)).status).toBe(401);
    const res = await attempt(t.app, user.email, PASSWORD, '203.0.113.99');
    expect(res.status).toBe(429);
    expect(res.text).toContain(THROTTLED);
    // Another account from the same addresses is not affected.
    const other = await createUser(t.db, 'member');
    expect((await attempt(t.app, other.email, PASSWORD, '203.0.113.1')).status).toBe(303);
  });

  test('per address: ten failures on any emails from one address, and that address gets 429 for everyone', async () => {
    const user = await createUser(t.db, 'member');
    for (let i = 1; i <= 10; i++) expect((await attempt(t.app, `guess${i}@example.org`, 'wrong password number', '198.51.100.7')).status).toBe(401);
    const res = await attempt(t.app, user.email, PASSWORD, '198.51.100.7');
    expect(res.status).toBe(429);
    expect(res.text).toContain(THROTTLED);
    expect((await attempt(t.app, user.email, PASSWORD, '198.51.100.8')).status).toBe(303);
  });

  test('the count survives a restart: a new app on the same database still refuses', async () => {
    const user = await createUser(t.db, 'member');
    for (let i = 1; i <= 10; i++) await attempt(t.app, user.email, 'wrong password number', `192.0.2.${i}`);
    const restarted = createApp({ db: t.db, config: t.config });
    expect((await attempt(restarted, user.email, PASSWORD, '192.0.2.200')).status).toBe(429);
  });

  test('failures older than 15 minutes no longer count', async () => {
    const user = await createUser(t.db, 'member');
    for (let i = 1; i <= 10; i++) await attempt(t.app, user.email, 'wrong password number', `192.0.2.${50 + i}`);
    await t.db('login_failures').where({ email_key: user.email.toLowerCase() }).update({ failed_at: t.db.raw(`now() - interval '16 minutes'`) });
    expect((await attempt(t.app, user.email, PASSWORD, '192.0.2.70')).status).toBe(303);
  });
});
