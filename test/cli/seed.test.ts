import { startTestApp, TestApp } from '../helpers/app';
import { runScript } from '../helpers/cli';
import { signIn } from '../helpers/session';
import { runSeeds } from '../../src/cli/seed-runner';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('npm run db:seed', () => {
  test('refuses to run when NODE_ENV is production', async () => {
    const res = await runScript('src/cli/seed.ts', [], { NODE_ENV: 'production', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('Refusing to seed: NODE_ENV is production.');
  }, 60_000);

  test('adds a few locals and one user of each role whose printed passwords work; a second run adds nothing', async () => {
    const first = await runSeeds(t.db);
    expect(first.added).toBeGreaterThan(0);
    expect(await t.db('locals').count('* as n').first()).toEqual({ n: expect.stringMatching(/^[3-9]$/) });
    const roles = await t.db('users').orderBy('role').pluck('role');
    expect(roles).toEqual(['admin', 'coordinator', 'member']);

    for (const line of first.lines.filter((l) => l.includes('password: '))) {
      const [, email, password] = line.match(/(\S+@\S+)\s+password: (\S+)/)!;
      await signIn(t.app, email, password);
    }

    const second = await runSeeds(t.db);
    expect(second).toEqual({ added: 0, lines: [] });
    expect(await t.db('users').count('* as n').first()).toEqual({ n: '3' });
  });

  test('tops up what is missing', async () => {
    await t.db('users').where({ role: 'member' }).del();
    const again = await runSeeds(t.db);
    expect(again.added).toBe(1);
    expect(again.lines).toEqual([expect.stringMatching(/^member\s+member\.demo@example\.org {2}password: \S{12,}$/)]);
  });
});
