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
