import { startTestApp, TestApp } from '../helpers/app';
import { seedScale } from '../../seeds/scale';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

test('the scale data set: federal MPs and provincial members, locals, members, campaigns, meetings and what hangs off them', async () => {
  const counts = await seedScale(t.db, { meetings: 400, users: 300, passwordHash: 'unused' });
  expect(counts).toMatchObject({ locals: 200, users: 300, officials: 587, campaigns: 10, campaign_targets: 3380, meetings: 400, follow_ups: 200, audit_events: 400 });
  const [{ federal }] = await t.db('officials').where({ level: 'federal' }).count({ federal: '*' });
  expect(Number(federal)).toBe(338);
  const [{ n }] = await t.db('meeting_attendees').count({ n: '*' });
  expect(Number(n)).toBeGreaterThan(0);
  // The largest campaign (the one the benchmark's dashboard shows) holds a quarter of the meetings.
  const [{ meetings }] = (await t.db.raw('SELECT count(*)::int AS meetings FROM meetings GROUP BY campaign_id ORDER BY 1 DESC LIMIT 1')).rows;
  expect(meetings).toBe(100);
});

test('what the row triggers keep is right after the bulk load, which runs with them off, and they are on again', async () => {
  const rows = async (sql: string) => (await t.db.raw(sql)).rows;
  const live = 'FROM meetings WHERE deleted_at IS NULL AND campaign_id IS NOT NULL';
  expect(await rows('SELECT campaign_id, local_id, held_on, status, meetings FROM meeting_counts WHERE meetings > 0 ORDER BY 1, 2, 3, 4'))
    .toEqual(await rows(`SELECT campaign_id, local_id, held_on, status, count(*)::int AS meetings ${live} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`));
  expect(await rows('SELECT campaign_id, sum(meetings)::int AS meetings, sum(held)::int AS held FROM official_tallies WHERE local_id IS NULL GROUP BY 1 ORDER BY 1'))
    .toEqual(await rows(`SELECT campaign_id, count(*)::int AS meetings, count(*) FILTER (WHERE status = 'held')::int AS held ${live} GROUP BY 1 ORDER BY 1`));
  expect(await rows(`SELECT count(*)::int AS n FROM follow_ups f JOIN meetings m ON m.id = f.meeting_id
    WHERE (f.campaign_id, f.local_id, f.official_id, f.meeting_deleted) IS DISTINCT FROM (m.campaign_id, m.local_id, m.official_id, m.deleted_at IS NOT NULL)`))
    .toEqual([{ n: 0 }]);
  expect(await rows(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'`)).toEqual([]);
});
