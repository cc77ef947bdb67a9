import { startTestApp, TestApp } from '../helpers/app';
import { startMaintenance } from '../../src/auth/maintenance';
import { createLogger } from '../../src/shared/logger';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

test('a running server deletes failed sign-ins older than a day and keeps recent ones', async () => {
  await t.db('login_failures').insert([
    { email_key: 'old@example.org', ip: '192.0.2.1', failed_at: t.db.raw(`now() - interval '2 days'`) },
    { email_key: 'recent@example.org', ip: '192.0.2.2', failed_at: t.db.raw(`now() - interval '1 hour'`) },
  ]);
  const stop = startMaintenance(t.db, createLogger('silent'));
  // The first prune runs at start, in the background: wait for it.
  let left: string[] = [];
  for (let i = 0; i < 50; i++) {
    left = (await t.db('login_failures').whereIn('email_key', ['old@example.org', 'recent@example.org']).pluck('email_key')) as string[];
    if (!left.includes('old@example.org')) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  stop();
  expect(left).toEqual(['recent@example.org']);
});
