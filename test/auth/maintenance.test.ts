import { startTestApp, TestApp } from '../helpers/app';
import { startMaintenance } from '../../src/auth/maintenance';
import { createLogger } from '../../src/shared/logger';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

test('a running server deletes sign-in counters whose window ended over an hour ago and keeps the others', async () => {
  const minutes = (n: number) => Date.now() + n * 60_000;
  await t.db('login_attempts').insert([
    { key: 'account:old', points: 10, expire: minutes(-61) },
    { key: 'account:ended-recently', points: 10, expire: minutes(-5) },
    { key: 'account:current', points: 3, expire: minutes(10) },
  ]);
  const stop = startMaintenance(t.db, createLogger('silent'));
  // The first prune runs at start, in the background: wait for it.
  let left: string[] = [];
  for (let i = 0; i < 50; i++) {
    left = (await t.db('login_attempts').orderBy('key').pluck('key')) as string[];
    if (!left.includes('account:old')) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  stop();
  expect(left).toEqual(['account:current', 'account:ended-recently']);
});
