import { headline } from '../../src/dashboard/counts.repo';
import { dashboardFigures } from '../../src/dashboard/figures.repo';
import { deleteMeeting, editMeeting, logMeeting, restoreMeeting } from '../../src/meetings/meetings.service';
import { meetingInput } from '../helpers/meetings.factories';
import type { SessionUser } from '../../src/shared/types';
import { startTestApp, TestApp } from '../helpers/app';
import { addTargets, day } from '../helpers/dashboard.factories';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';

let t: TestApp;
let coord: SessionUser;
let first: number, second: number, mp: number;

/** meeting_counts as they are, and as counting every meeting again would give: they must agree. */
async function countsAndTruth() {
  const kept = await t.db('meeting_counts').where('meetings', '>', 0)
    .select('campaign_id', 'local_id', t.db.raw("to_char(held_on, 'YYYY-MM-DD') AS held_on"), 'status', 'meetings')
    .orderBy(['campaign_id', 'local_id', 'held_on', 'status']);
  const truth = await t.db('meetings').whereNull('deleted_at').whereNotNull('campaign_id')
    .select('campaign_id', 'local_id', t.db.raw("to_char(held_on, 'YYYY-MM-DD') AS held_on"), 'status', t.db.raw('count(*)::int AS meetings'))
    .groupBy('campaign_id', 'local_id', 'held_on', 'status').orderBy(['campaign_id', 'local_id', 'held_on', 'status']);
  return { kept, truth };
}
/** The held meetings of the dashboard's weekly chart, as the dashboard reads them. */
const heldPerWeek = async (campaignId: number) => (await dashboardFigures(t.db, { campaign_id: campaignId }, {
  current: { asOf: day(0) }, previous: { asOf: day(0) }, soFar: false,
  weeks: { from: day(-10), to: day(0) }, worklistPage: 1, worklistPageSize: 1,
})).weekly;

const figures = async (campaignId: number) => {
  const h = await headline(t.db, { campaign_id: campaignId }, {}, day(0));
  return { held: h.held, scheduled: h.scheduled, open: h.open_follow_ups, overdue: h.overdue_follow_ups };
};

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db, { name: 'Local A' });
  coord = await createUser(t.db, 'coordinator', { local_id: local.id });
  first = (await createCampaign(t.db, { name: 'First', is_default: true })).id;
  second = (await createCampaign(t.db, { name: 'Second' })).id;
  mp = (await createOfficial(t.db)).id;
  await addTargets(t.db, first, [mp]);
  await addTargets(t.db, second, [mp]);
});
afterAll(async () => { await t.close(); });

test('the counts per day and the open follow-ups follow a meeting through an edit of its status, date and campaign, a soft delete and a restore', async () => {
  const logged = await logMeeting(t.db, coord, { official_id: mp, campaign_id: first, status: 'scheduled', held_on: day(-3),
    follow_ups: [{ description: 'Send the brief', due_on: day(-1), assignee_id: null }] });
  if (!logged.ok) throw new Error('not logged');
  await logMeeting(t.db, coord, { official_id: mp, campaign_id: first, status: 'held', held_on: day(-3) });
  let { kept, truth } = await countsAndTruth();
  expect(kept).toEqual(truth);
  expect(kept.map((r) => [r.campaign_id, r.status, r.meetings])).toEqual([[first, 'held', 1], [first, 'scheduled', 1]]);
  expect(await figures(first)).toEqual({ held: 1, scheduled: 1, open: 1, overdue: 1 });

  // Status, date and campaign changed in one edit: counted once, under the new ones only.
  const edited = await editMeeting(t.db, coord, logged.meeting.id, logged.meeting.version,
    meetingInput({ official_id: mp, campaign_id: second, status: 'held', held_on: day(-10) }));
  expect(edited.ok).toBe(true);
  ({ kept, truth } = await countsAndTruth());
  expect(kept).toEqual(truth);
  expect(kept.map((r) => [r.campaign_id, r.held_on, r.status, r.meetings])).toEqual([[first, day(-3), 'held', 1], [second, day(-10), 'held', 1]]);
  // Its follow-up moves with it to the other campaign.
  expect(await figures(first)).toEqual({ held: 1, scheduled: 0, open: 0, overdue: 0 });
  expect(await figures(second)).toEqual({ held: 1, scheduled: 0, open: 1, overdue: 1 });

  await deleteMeeting(t.db, coord, logged.meeting.id);
  ({ kept, truth } = await countsAndTruth());
  expect(kept).toEqual(truth);
  expect(await figures(second)).toEqual({ held: 0, scheduled: 0, open: 0, overdue: 0 });
  expect((await heldPerWeek(second)).reduce((n, w) => n + w.held, 0)).toBe(0);

  await restoreMeeting(t.db, coord, logged.meeting.id);
  ({ kept, truth } = await countsAndTruth());
  expect(kept).toEqual(truth);
  expect(await figures(second)).toEqual({ held: 1, scheduled: 0, open: 1, overdue: 1 });
  expect((await heldPerWeek(second)).reduce((n, w) => n + w.held, 0)).toBe(1);
});
