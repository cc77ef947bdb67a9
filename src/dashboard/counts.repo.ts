import type { Knex } from 'knex';
import { z } from 'zod';
import type { Db } from '../db';
import { applyActivityFilters, endOfDay } from '../shared/filters';
import { readOne, value } from '../db/one-statement';
import { narrowsOfficials, Scope, scopedMeetings, targetStates, targetsWithTallies, Window } from './dashboard.repo';

/**
 * The tables every figure of a scope reads, to be given as CTEs: `tg`, the sitting targets with
 * their tallies; `days`, the scope's meetings counted per day and status; and with a province or
 * party, `fu`, the scope's follow-ups. Each is read once, whatever the number of figures and periods.
 */
export function scopeTables(db: Db, s: Scope): [string, Knex.QueryBuilder | Knex.Raw][] {
  const tables: [string, Knex.QueryBuilder | Knex.Raw][] = [['tg', targetsWithTallies(db, s)], ['days', dayCounts(db, s)]];
  if (narrowsOfficials(s)) {
    // Follow-ups carry their meeting's campaign, local, official and deletion (kept by triggers).
    tables.push(['fu', db('follow_ups as f').join('officials as o', 'o.id', 'f.official_id')
      .where('f.campaign_id', s.campaign_id).whereRaw('NOT f.meeting_deleted')
      .modify((q) => {
        if (s.local_id) q.where('f.local_id', s.local_id);
        if (s.province) q.where('o.province', s.province);
        if (s.party) q.where('o.party', s.party);
      })
      .select('f.created_at', 'f.done_at', 'f.due_on')]);
  }
  return tables;
}

/**
 * The scope's meetings counted per day and status (held_on, status, meetings), every day. Without a
 * province or party, from meeting_counts (kept by a trigger on meetings): a few rows per day, however
 * many meetings; with one, counted from the meetings themselves, which need the officials joined.
 */
function dayCounts(db: Db, s: Scope) {
  if (narrowsOfficials(s)) {
    return scopedMeetings(db, s, {}).clearSelect().select('m.held_on', 'm.status', db.raw('count(*) AS meetings')).groupBy('m.held_on', 'm.status');
  }
  return applyActivityFilters(db('meeting_counts as m'), { campaign_id: s.campaign_id, local_id: s.local_id })
    .select('m.held_on', 'm.status', 'm.meetings');
}

/** What headlineFigures gives. */
export const Headline = z.object({
  targets: z.number(), met: z.number(), held: z.number(), scheduled: z.number(), favourable: z.number(),
  open_follow_ups: z.number(), overdue_follow_ups: z.number(),
});
export type Headline = z.output<typeof Headline>;

/**
 * The headline figures for meetings dated in the window, as one JSON object, from the target states
 * in `states` (a CTE's name) and the scope's tables; follow-ups as they stood on `asOf` (open: created
 * by then and not done by then; overdue: also due before then).
 */
export function headlineFigures(db: Db, s: Scope, w: Window, asOf: string, states: string) {
  const days = applyActivityFilters(db('days as m'), { from: w.from, to: w.to });
  return db.raw(`SELECT json_build_object('targets', ts.targets, 'met', ts.met, 'favourable', ts.favourable,
      'held', sm.held, 'scheduled', sm.scheduled, 'open_follow_ups', fu.open, 'overdue_follow_ups', fu.overdue) FROM
    (SELECT count(*)::int AS targets, count(*) FILTER (WHERE met)::int AS met,
      count(*) FILTER (WHERE stance IN ('champion', 'supportive'))::int AS favourable FROM ${states}) ts,
    (?) sm, (?) fu`, [
    days.select(db.raw("coalesce(sum(meetings) FILTER (WHERE status = 'held'), 0)::int AS held"),
      db.raw("coalesce(sum(meetings) FILTER (WHERE status = 'scheduled'), 0)::int AS scheduled")),
    followUpCounts(db, s, asOf)]);
}

/** The headline figures on their own (one statement). */
export async function headline(db: Db, s: Scope, w: Window, asOf: string): Promise<Headline> {
  const r = await readOne(db, { headline: value(Headline, headlineFigures(db, s, w, asOf, 'ts')) },
    { with: [...scopeTables(db, s), ['ts', targetStates(db, s, w)]], prepared: false, name: 'the headline figures' });
  return r.headline;
}

/**
 * The scope's follow-ups open at the end of `asOf` (Toronto time): created by then and not done by
 * then (open), and of those the ones due before then (overdue). Without a province or party, the sum
 * of the day-by-day changes in follow_up_deltas (kept by a trigger on follow-ups) up to that day;
 * with one, counted from the scope's follow-ups (`fu`).
 */
function followUpCounts(db: Db, s: Scope, asOf: string) {
  if (!narrowsOfficials(s)) {
    return db('follow_up_deltas').where('campaign_id', s.campaign_id).where('day', '<=', asOf)
      .modify((q) => (s.local_id ? q.where('local_id', s.local_id) : q.whereNull('local_id')))
      .select(db.raw('coalesce(sum(open_change), 0)::int AS open'), db.raw('coalesce(sum(overdue_change), 0)::int AS overdue'));
  }
  const end = endOfDay(db, asOf);
  return db('fu').where('created_at', '<', end).where((q) => q.whereNull('done_at').orWhere('done_at', '>=', end))
    .select(db.raw('count(*)::int AS open'), db.raw('count(*) FILTER (WHERE due_on < ?::date)::int AS overdue', [asOf]));
}

/** What weeklyFigures gives. */
export const Weekly = z.array(z.object({ week: z.string(), from: z.string(), to: z.string(), held: z.number(), planned: z.number() }));

/**
 * Meetings per week (Monday to Sunday, `week` the Monday) from `from` to `to`, weeks without any
 * included, from the scope's `days`; each week's `from` and `to` are the days it counts (the first
 * and last weeks cut at `from` and `to`), which its link to the meetings asks for.
 */
export function weeklyFigures(db: Db, from: string, to: string) {
  return db.raw(`WITH weeks AS (SELECT generate_series(date_trunc('week', ?::date), date_trunc('week', ?::date), interval '1 week')::date AS week),
    counts AS (SELECT date_trunc('week', held_on)::date AS week, sum(meetings) FILTER (WHERE status = 'held')::int AS held,
      sum(meetings) FILTER (WHERE status IN ('requested', 'scheduled'))::int AS planned
      FROM days WHERE held_on >= ? AND held_on <= ? GROUP BY 1)
    SELECT coalesce(json_agg(json_build_object('week', to_char(weeks.week, 'YYYY-MM-DD'), 'from', to_char(greatest(weeks.week, ?::date), 'YYYY-MM-DD'),
      'to', to_char(least(weeks.week + 6, ?::date), 'YYYY-MM-DD'),
      'held', coalesce(counts.held, 0), 'planned', coalesce(counts.planned, 0)) ORDER BY weeks.week), '[]')
    FROM weeks LEFT JOIN counts USING (week)`, [from, to, from, to, from, to]);
}
