import { startTestApp, TestApp } from '../helpers/app';
import { signIn } from '../helpers/session';
import { runSeeds } from '../../src/cli/seed-runner';

let t: TestApp;
let dashboard: string;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await startTestApp();
  const { lines } = await runSeeds(t.db);
  const [, email, password] = lines.find((l) => l.startsWith('coordinator'))!.match(/(\S+@\S+)\s+password: (\S+)/)!;
  const coordinator = await signIn(t.app, email, password);
  dashboard = text((await coordinator.get('/dashboard').expect(200)).text);
});
afterAll(async () => { await t.close(); });

describe('the demo data (npm run db:seed)', () => {
  test('imports the current House of Commons list from data/ through an import batch, and targets every sitting MP in the default campaign', async () => {
    expect(await t.db('import_batches').select('file_name', 'status', 'added')).toEqual([
      { file_name: 'house-of-commons-mps-2025-45th-parliament.csv', status: 'applied', added: 343 },
    ]);
    const [campaign] = await t.db('campaigns').select('name', 'is_default');
    expect(campaign).toEqual({ name: 'Fund community services', is_default: true });
    expect(await t.db('campaign_targets').count('* as n').first()).toEqual({ n: '343' });
    expect(Number((await t.db('campaign_targets').whereNotNull('claimed_by_local_id').count('* as n').first())!.n)).toBe(12);
  });

  test('logs 40 meetings through the meetings service, with follow-ups and an audit trail', async () => {
    const { rows: [m] } = await t.db.raw(`SELECT count(*)::int AS meetings, count(DISTINCT local_id)::int AS locals,
      count(DISTINCT status)::int AS statuses, count(DISTINCT stance)::int AS stances FROM meetings`);
    expect(m).toEqual({ meetings: 40, locals: 6, statuses: 5, stances: 4 });
    expect(await t.db('audit_events').where({ entity: 'meeting', action: 'create' }).count('* as n').first()).toEqual({ n: '40' });
    expect(Number((await t.db('follow_ups').count('* as n').first())!.n)).toBeGreaterThan(15);
  });

  test('a coordinator’s dashboard shows coverage, stances, weekly meetings, a worklist and a silent local', () => {
    expect(dashboard).toContain('Targets met 26 of 343');
    expect(dashboard).toContain('Meetings held 28');
    expect(dashboard).toContain('Meetings scheduled 4');
    expect(dashboard).toContain('Targets who are champions or supportive 19');
    expect(dashboard).toMatch(/Champion 9 .*Supportive 10 .*Undecided 4 .*Opposed 2 .*targets with no stance recorded yet/);
    expect(dashboard).toMatch(/Ontario 7 of 122 6%/);
    expect(dashboard).toMatch(/NDP 5 of 7 71%/);
    expect(dashboard).toContain('Worklist: 317 targets not met yet');
    expect(dashboard).toMatch(/Local 1158 Edmonton — last logged/);
  });

  test('running it again adds nothing', async () => {
    expect(await runSeeds(t.db)).toEqual({ added: 0, lines: [] });
    expect(await t.db('meetings').count('* as n').first()).toEqual({ n: '40' });
  });
});
