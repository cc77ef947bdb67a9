import { headline } from '../../src/dashboard/counts.repo';
import { targetStates, targetsWithTallies, Scope, Window } from '../../src/dashboard/dashboard.repo';
import { activityFigures } from '../../src/dashboard/worklist.repo';
import { markDone, reopen } from '../../src/meetings/follow-ups.service';
import { deleteMeeting, editMeeting, logMeeting, restoreMeeting } from '../../src/meetings/meetings.service';
import { meetingInput } from '../helpers/meetings.factories';
import type { SessionUser } from '../../src/shared/types';
import { startTestApp, TestApp } from '../helpers/app';
import { addTargets, day } from '../helpers/dashboard.factories';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';

/*
 * official_tallies, local_tallies and follow_up_deltas are kept by triggers: after every kind of
 * write they must hold exactly what counting the meetings and follow-ups again gives, and the
 * dashboard's figures read from them must equal the same figures counted from the meetings.
 */

let t: TestApp;
let coord: SessionUser;
const members: SessionUser[] = [];
const campaigns: number[] = [];
const locals: number[] = [];
const officials: number[] = [];
const EVER = '0001-01-01';
const noonOf = (d: string) => `${d}T12:00:00Z`;

/** The tallies as kept, and as counting every meeting again gives them. */
async function officialTallies() {
  const columns = `campaign_id, local_id, official_id, meetings, held, first_held_on, stance, stance_held_on, stance_meeting_id,
    last_status, last_held_on, last_meeting_id, last_logged`;
  const { rows: kept } = await t.db.raw(`SELECT ${columns} FROM official_tallies WHERE meetings > 0
    ORDER BY campaign_id, local_id NULLS FIRST, official_id`);
  const { rows: truth } = await t.db.raw(`WITH live AS (SELECT * FROM meetings WHERE deleted_at IS NULL AND campaign_id IS NOT NULL),
    keys AS (SELECT DISTINCT campaign_id, NULL::int AS local_id, official_id FROM live
      UNION SELECT DISTINCT campaign_id, local_id, official_id FROM live WHERE local_id IS NOT NULL)
    SELECT k.campaign_id, k.local_id, k.official_id, a.meetings, a.held, a.first_held_on, s.stance, s.held_on AS stance_held_on,
      s.id AS stance_meeting_id, l.status AS last_status, l.held_on AS last_held_on, l.id AS last_meeting_id, a.last_logged
    FROM keys k
    CROSS JOIN LATERAL (SELECT count(*)::int AS meetings, count(*) FILTER (WHERE status = 'held')::int AS held,
      min(held_on) FILTER (WHERE status = 'held') AS first_held_on, max(created_at) AS last_logged
      FROM live m WHERE m.campaign_id = k.campaign_id AND m.official_id = k.official_id AND (k.local_id IS NULL OR m.local_id = k.local_id)) a
    LEFT JOIN LATERAL (SELECT stance, held_on, id FROM live m WHERE m.campaign_id = k.campaign_id AND m.official_id = k.official_id
      AND (k.local_id IS NULL OR m.local_id = k.local_id) AND m.stance IS NOT NULL ORDER BY held_on DESC, id DESC LIMIT 1) s ON true
    LEFT JOIN LATERAL (SELECT status, held_on, id FROM live m WHERE m.campaign_id = k.campaign_id AND m.official_id = k.official_id
      AND (k.local_id IS NULL OR m.local_id = k.local_id) ORDER BY held_on DESC, id DESC LIMIT 1) l ON true
    ORDER BY k.campaign_id, k.local_id NULLS FIRST, k.official_id`);
  const { rows: [empty] } = await t.db.raw(`SELECT count(*)::int AS n FROM official_tallies WHERE meetings < 0 OR held < 0
    OR (meetings = 0 AND (held <> 0 OR first_held_on IS NOT NULL OR stance IS NOT NULL OR last_meeting_id IS NOT NULL OR last_logged IS NOT NULL))`);
  return { kept, truth, badEmptyRows: empty.n };
}

async function localTallies() {
  const { rows: kept } = await t.db.raw(`SELECT campaign_id, local_id, meetings, held, officials_met, last_logged
    FROM local_tallies WHERE meetings > 0 ORDER BY campaign_id, local_id`);
  const { rows: truth } = await t.db.raw(`SELECT campaign_id, local_id, count(*)::int AS meetings,
      count(*) FILTER (WHERE status = 'held')::int AS held, count(DISTINCT official_id) FILTER (WHERE status = 'held')::int AS officials_met,
      max(created_at) AS last_logged
    FROM meetings WHERE deleted_at IS NULL AND campaign_id IS NOT NULL AND local_id IS NOT NULL
    GROUP BY campaign_id, local_id ORDER BY campaign_id, local_id`);
  const { rows: [empty] } = await t.db.raw(`SELECT count(*)::int AS n FROM local_tallies WHERE meetings < 0
    OR (meetings = 0 AND (held <> 0 OR officials_met <> 0 OR last_logged IS NOT NULL))`);
  return { kept, truth, badEmptyRows: empty.n };
}

/**
 * The days (whole campaign, scope 0, and per local, from 70 days ago to 40 days ahead) where the follow-ups
 * open and overdue at the end of the day, summed from follow_up_deltas, differ from counting the
 * follow-ups of the meetings (not deleted) again. Empty when they agree.
 */
async function followUpDisagreements() {
  const { rows } = await t.db.raw(`WITH days AS (SELECT generate_series(?::date, ?::date, interval '1 day')::date AS a),
    scopes AS (SELECT id AS campaign_id, NULL::int AS local_id, 0 AS scope FROM campaigns UNION ALL SELECT c.id, l.id, l.id FROM campaigns c, locals l),
    kept AS (SELECT s.campaign_id, s.scope, d.a, coalesce(sum(x.open_change), 0)::int AS open, coalesce(sum(x.overdue_change), 0)::int AS overdue
      FROM scopes s CROSS JOIN days d LEFT JOIN follow_up_deltas x ON x.campaign_id = s.campaign_id
        AND (x.local_id = s.local_id OR (x.local_id IS NULL AND s.local_id IS NULL)) AND x.day <= d.a
      GROUP BY 1, 2, 3),
    truth AS (SELECT s.campaign_id, s.scope, d.a, count(f.id)::int AS open, count(f.id) FILTER (WHERE f.due_on < d.a)::int AS overdue
      FROM scopes s CROSS JOIN days d LEFT JOIN (follow_ups f JOIN meetings m ON m.id = f.meeting_id AND m.deleted_at IS NULL)
        ON m.campaign_id = s.campaign_id AND (s.local_id IS NULL OR m.local_id = s.local_id)
        AND f.created_at < ((d.a + 1)::timestamp AT TIME ZONE 'America/Toronto')
        AND (f.done_at IS NULL OR f.done_at >= ((d.a + 1)::timestamp AT TIME ZONE 'America/Toronto'))
      GROUP BY 1, 2, 3)
    SELECT campaign_id, scope, to_char(a, 'YYYY-MM-DD') AS day, kept.open AS kept_open, truth.open AS open,
      kept.overdue AS kept_overdue, truth.overdue AS overdue
    FROM kept FULL JOIN truth USING (campaign_id, scope, a)
    WHERE kept.open IS DISTINCT FROM truth.open OR kept.overdue IS DISTINCT FROM truth.overdue`, [day(-70), day(40)]);
  return rows;
}

/** Follow-ups open and overdue at the end of `asOf` among the meetings with a province's officials, counted from the meetings. */
async function followUpsThrough(campaignId: number, province: string, asOf: string) {
  const { rows: [r] } = await t.db.raw(`SELECT count(*)::int AS open, count(*) FILTER (WHERE f.due_on < ?::date)::int AS overdue
    FROM follow_ups f JOIN meetings m ON m.id = f.meeting_id AND m.deleted_at IS NULL JOIN officials o ON o.id = m.official_id
    WHERE m.campaign_id = ? AND o.province = ? AND f.created_at < ((?::date + 1)::timestamp AT TIME ZONE 'America/Toronto')
      AND (f.done_at IS NULL OR f.done_at >= ((?::date + 1)::timestamp AT TIME ZONE 'America/Toronto'))`, [asOf, campaignId, province, asOf, asOf]);
  return r;
}

const statesOf = async (s: Scope, w: Window) => (await t.db.raw('WITH tg AS (?) SELECT * FROM (?) x ORDER BY official_id',
  [targetsWithTallies(t.db, s), targetStates(t.db, s, w)])).rows;
const activityOf = async (s: Scope, from?: string) => (await t.db.raw('SELECT (?) AS a', [activityFigures(t.db, s, from)])).rows[0].a;

/** Everything kept equals a fresh count, and the figures read from it equal the same figures counted from the meetings. */
async function expectAllTrue() {
  const official = await officialTallies();
  expect(official.kept).toEqual(official.truth);
  expect(official.badEmptyRows).toBe(0);
  const local = await localTallies();
  expect(local.kept).toEqual(local.truth);
  expect(local.badEmptyRows).toBe(0);
  expect(await followUpDisagreements()).toEqual([]);
  for (const campaign_id of campaigns) {
    for (const s of [{ campaign_id }, ...locals.map((local_id) => ({ campaign_id, local_id }))]) {
      // Without a start date the states come from the tallies; with one, from the meetings.
      expect(await statesOf(s, {})).toEqual(await statesOf(s, { from: EVER }));
      for (const to of [day(-20), day(-5), day(0)]) expect(await statesOf(s, { to })).toEqual(await statesOf(s, { from: EVER, to }));
      expect(await activityOf(s)).toEqual(await activityOf(s, EVER));
      expect(await activityOf({ ...s, province: 'ON' })).toEqual(await activityOf({ ...s, province: 'ON' }, EVER));
    }
    // With a province, the follow-ups are read by the campaign and official they copy from their meeting.
    for (const province of ['ON', 'QC']) {
      for (const asOf of [day(-20), day(0)]) {
        const h = await headline(t.db, { campaign_id, province }, {}, asOf);
        expect({ open: h.open_follow_ups, overdue: h.overdue_follow_ups }).toEqual(await followUpsThrough(campaign_id, province, asOf));
      }
    }
  }
}

beforeAll(async () => {
  t = await startTestApp();
  for (const name of ['Local A', 'Local B', 'Local C']) locals.push((await createLocal(t.db, { name })).id);
  coord = await createUser(t.db, 'coordinator');
  for (const local_id of locals.slice(0, 2)) members.push(await createUser(t.db, 'member', { local_id }));
  for (const name of ['First', 'Second']) campaigns.push((await createCampaign(t.db, { name })).id);
  for (const province of ['ON', 'QC', 'ON']) officials.push((await createOfficial(t.db, { province })).id);
  for (const c of campaigns) await addTargets(t.db, c, officials);
});
afterAll(async () => { await t.close(); });

async function log(user: SessionUser, fields: Parameters<typeof meetingInput>[0] & { local_id?: number | null }) {
  const saved = await logMeeting(t.db, user, fields);
  if (!saved.ok) throw new Error('not logged');
  return saved.meeting;
}

async function edit(id: number, changes: Record<string, unknown>) {
  const m = await t.db('meetings').where({ id }).first();
  const saved = await editMeeting(t.db, coord, id, m.version, meetingInput({ official_id: m.official_id, campaign_id: m.campaign_id,
    status: m.status, held_on: m.held_on, stance: m.stance, local_id: m.local_id, ...changes }));
  expect(saved.ok).toBe(true);
}

test('the tallies follow meetings and follow-ups logged, edited, deleted, restored, completed and reopened', async () => {
  const [first, second] = campaigns;
  const [mp1, mp2, mp3] = officials;
  const [alice, bob] = members;
  const followUp = (n: number, due: number | null) => ({ description: `Follow-up ${n}`, due_on: due === null ? null : day(due), assignee_id: null });
  const a = await log(alice, { official_id: mp1, campaign_id: first, status: 'held', held_on: day(-10), stance: 'opposed',
    follow_ups: [followUp(1, -2), followUp(2, 5), followUp(3, null)] });
  const b = await log(bob, { official_id: mp1, campaign_id: first, status: 'held', held_on: day(-4), stance: 'supportive' });
  const c = await log(alice, { official_id: mp2, campaign_id: first, status: 'scheduled', held_on: day(3), follow_ups: [followUp(4, -1)] });
  const d = await log(coord, { official_id: mp3, campaign_id: first, status: 'requested', held_on: day(-1) }); // no local
  await expectAllTrue();

  await edit(b.id, { status: 'cancelled' }); // the first held meeting (a) stays; b was the latest stance
  await expectAllTrue();
  await edit(a.id, { held_on: day(-30) });
  await expectAllTrue();
  await edit(a.id, { stance: 'champion' });
  await expectAllTrue();
  await edit(c.id, { official_id: mp3 });
  await expectAllTrue();
  await edit(c.id, { local_id: locals[1] }); // moved to Local B, with its follow-up
  await expectAllTrue();
  await edit(d.id, { local_id: locals[2], status: 'held', stance: 'undecided' });
  await expectAllTrue();
  await edit(a.id, { campaign_id: second }); // and its follow-ups with it
  await expectAllTrue();

  const [f1, f2] = await t.db('follow_ups').where({ meeting_id: a.id }).orderBy('id');
  await markDone(t.db, coord, f1.id);
  await expectAllTrue();
  await reopen(t.db, coord, f1.id);
  await markDone(t.db, coord, f2.id);
  await expectAllTrue();

  await deleteMeeting(t.db, coord, a.id);
  await expectAllTrue();
  await deleteMeeting(t.db, coord, b.id);
  await expectAllTrue();
  await restoreMeeting(t.db, coord, a.id);
  await expectAllTrue();
  expect((await t.db('local_tallies').where({ campaign_id: second, local_id: locals[0] }).first()).officials_met).toBe(1);
});

/** A small deterministic pseudo-random sequence, so that a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

test('the tallies stay exact through a long random run of writes, including ones made in SQL by several rows at once', async () => {
  const next = random(20261125);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const statuses = ['requested', 'scheduled', 'held', 'held', 'cancelled', 'declined'];
  const stances = [null, null, 'champion', 'supportive', 'undecided', 'opposed'];
  const someDay = () => day(Math.floor(next() * 60) - 45);
  const meetingIds = async () => (await t.db('meetings').orderBy('id').pluck('id')) as number[];
  for (let step = 0; step < 60; step++) {
    const ids = await meetingIds();
    const op = ids.length < 6 ? 0 : Math.floor(next() * 10);
    const id = pick(ids);
    if (op <= 2) {
      await log(pick([coord, ...members]), { official_id: pick(officials), campaign_id: pick([...campaigns, null]), status: pick(statuses),
        held_on: someDay(), stance: pick(stances),
        follow_ups: next() < 0.5 ? [{ description: 'Call back', due_on: next() < 0.8 ? someDay() : null, assignee_id: null }] : [] });
    } else if (op === 3) {
      const m = await t.db('meetings').where({ id }).first();
      if (!m.deleted_at) await edit(id, pick([{ status: pick(statuses) }, { held_on: someDay() }, { stance: pick(stances) },
        { official_id: pick(officials) }, { local_id: pick([...locals, null]) }, { campaign_id: pick(campaigns) }]));
    } else if (op === 4) {
      await t.db('meetings').where({ id }).update({ deleted_at: next() < 0.5 ? null : t.db.fn.now() });
    } else if (op === 5) {
      await t.db('meetings').where({ id }).update({ created_at: noonOf(someDay()) });
    } else if (op === 6) {
      // One statement changing several meetings of the same official and campaign.
      const m = await t.db('meetings').where({ id }).first();
      await t.db('meetings').where({ official_id: m.official_id }).update({ status: pick(statuses), stance: pick(stances) });
    } else if (op === 7) {
      const f = await t.db('follow_ups').orderByRaw('random()').first();
      if (f) await t.db('follow_ups').where({ id: f.id }).update(pick([{ done_at: next() < 0.3 ? null : noonOf(someDay()) },
        { due_on: next() < 0.2 ? null : someDay() }, { created_at: noonOf(someDay()) }]));
    } else if (op === 8) {
      await t.db('meetings').where({ id }).delete(); // a hard delete takes its follow-ups with it
    } else {
      await t.db('meetings').whereIn('id', ids.slice(0, 3)).update({ held_on: someDay() });
    }
    if (step % 6 === 5) await expectAllTrue();
  }
  await expectAllTrue();

  // A local deleted: its meetings lose their local; a campaign deleted: its meetings lose their campaign.
  await t.db('locals').where({ id: locals[2] }).delete();
  locals.pop();
  await expectAllTrue();
  await t.db('campaigns').where({ id: campaigns[1] }).delete();
  campaigns.pop();
  await expectAllTrue();
});

test('writers logging and deleting meetings of the same official at the same time lose no update', async () => {
  const [campaign_id] = campaigns;
  const [official_id] = officials;
  const existing = (await t.db('meetings').where({ campaign_id, official_id }).whereNull('deleted_at').pluck('id')) as number[];
  const stances = ['champion', 'supportive', 'opposed', null];
  // On PostgreSQL these run on several connections at once; the embedded database runs them in turn.
  await Promise.all([
    ...Array.from({ length: 16 }, (_, i) => log(members[i % 2], { official_id, campaign_id, status: i % 3 ? 'held' : 'scheduled',
      held_on: day(-(i % 5)), stance: stances[i % 4] })),
    ...existing.slice(0, 8).map((id) => deleteMeeting(t.db, coord, id)),
  ]);
  await expectAllTrue();
});
