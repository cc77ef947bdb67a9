import type { Db } from '../db';
import { ActivityFilters, applyActivityFilters } from '../shared/filters';

/** The dashboard's filters; a campaign is always chosen. */
export type Scope = ActivityFilters & { campaign_id: number };

export interface Window {
  from?: string;
  to?: string;
}

/**
 * The campaign's meetings (not deleted) within the filters and a date window. The officials are
 * joined only when a province or party is chosen: the common case then reads the meetings alone.
 */
export function scopedMeetings(db: Db, s: Scope, w: Window) {
  const q = db('meetings as m').whereNull('m.deleted_at');
  if (s.province || s.party) q.join('officials as o', 'o.id', 'm.official_id');
  return applyActivityFilters(q, { ...s, from: w.from, to: w.to })
    .select('m.id', 'm.official_id', 'm.status', 'm.held_on', 'm.stance', 'm.local_id', 'm.logged_by', 'm.created_at');
}

/** The campaign's targets still in office: the denominator. A former official leaves it. */
export function sittingTargets(db: Db, s: Scope) {
  return db('campaign_targets as t').join('officials as o', 'o.id', 't.official_id')
    .where('t.campaign_id', s.campaign_id).whereNull('o.end_date')
    .modify((q) => {
      if (s.province) q.where('o.province', s.province);
      if (s.party) q.where('o.party', s.party);
    })
    .select('o.id as official_id', 'o.province', 'o.party');
}

/** The scope's meetings with one target (tg.official_id), for a correlated subquery that the indexes answer. */
function meetingsOfTarget(db: Db, s: Scope, w: Window) {
  return applyActivityFilters(db('meetings as m').whereNull('m.deleted_at').whereRaw('m.official_id = tg.official_id'),
    { campaign_id: s.campaign_id, local_id: s.local_id, from: w.from, to: w.to });
}

/**
 * Each sitting target with whether it was met (a held meeting in the window: declined, cancelled and
 * the rest never count) and its stance after its latest meeting that recorded one. One index probe
 * per target, however many meetings the campaign has.
 */
export function targetStates(db: Db, s: Scope, w: Window) {
  const met = meetingsOfTarget(db, s, w).where('m.status', 'held').select(db.raw('1'));
  const stance = meetingsOfTarget(db, s, w).whereNotNull('m.stance')
    .orderBy([{ column: 'm.held_on', order: 'desc' }, { column: 'm.id', order: 'desc' }]).limit(1).select('m.stance');
  return db.from(sittingTargets(db, s).as('tg'))
    .select('tg.official_id', 'tg.province', 'tg.party', db.raw('EXISTS (?) AS met', [met]), db.raw('(?) AS stance', [stance]));
}

export interface Headline {
  targets: number;
  met: number;
  held: number;
  scheduled: number;
  favourable: number;
  open_follow_ups: number;
  overdue_follow_ups: number;
}

/**
 * The headline figures for meetings dated in the window; follow-ups as they stood on `asOf` (open:
 * created by then and not done by then; overdue: also due before then).
 */
export async function headline(db: Db, s: Scope, w: Window, asOf: string): Promise<Headline> {
  const { rows } = await db.raw(`WITH ts AS (?), sm AS (?), fu AS (?)
    SELECT ts.*, sm.*, fu.* FROM
      (SELECT count(*)::int AS targets, count(*) FILTER (WHERE met)::int AS met,
        count(*) FILTER (WHERE stance IN ('champion', 'supportive'))::int AS favourable FROM ts) ts,
      (SELECT coalesce(sum(meetings) FILTER (WHERE status = 'held'), 0)::int AS held,
        coalesce(sum(meetings) FILTER (WHERE status = 'scheduled'), 0)::int AS scheduled FROM sm) sm,
      (SELECT count(*)::int AS open_follow_ups, count(*) FILTER (WHERE due_on < ?::date)::int AS overdue_follow_ups FROM fu) fu`,
  [targetStates(db, s, w), dayCounts(db, s, w), openFollowUps(db, s, asOf), asOf]);
  return rows[0];
}

/**
 * The scope's meetings counted per day and status (held_on, status, meetings). Without a province
 * or party, from meeting_counts (kept by a trigger on meetings): a few rows per day, however many
 * meetings; with one, counted from the meetings themselves, which need the officials joined.
 */
export function dayCounts(db: Db, s: Scope, w: Window) {
  if (s.province || s.party) {
    return scopedMeetings(db, s, w).clearSelect().select('m.held_on', 'm.status', db.raw('count(*) AS meetings')).groupBy('m.held_on', 'm.status');
  }
  return applyActivityFilters(db('meeting_counts as m'), { campaign_id: s.campaign_id, local_id: s.local_id, from: w.from, to: w.to })
    .select('m.held_on', 'm.status', 'm.meetings');
}

/**
 * The due dates of the scope's follow-ups open at the end of `asOf` (Toronto time): created by then
 * and not done by then. Without a province or party, from the campaign's open ones and those done
 * since, each an index range (follow-ups carry their meeting's campaign, local and deletion); with
 * one, through the meetings, which need the officials joined.
 */
function openFollowUps(db: Db, s: Scope, asOf: string) {
  const endOfDay = db.raw("((?::date + 1)::timestamp AT TIME ZONE 'America/Toronto')", [asOf]);
  const ofScope = () => (s.province || s.party
    ? scopedMeetings(db, s, {}).clearSelect().join('follow_ups as f', 'f.meeting_id', 'm.id')
    : db('follow_ups as f').where('f.campaign_id', s.campaign_id).whereRaw('NOT f.meeting_deleted')
      .modify((q) => { if (s.local_id) q.where('f.local_id', s.local_id); }))
    .where('f.created_at', '<', endOfDay).select('f.due_on');
  return ofScope().whereNull('f.done_at').unionAll(ofScope().where('f.done_at', '>=', endOfDay), true);
}

/** Targets and targets met, by province and by party, in one pass (grouping sets). */
export async function coverage(db: Db, s: Scope, w: Window) {
  const { rows } = await db.raw(`WITH ts AS (?)
    SELECT CASE WHEN grouping(province) = 0 THEN 'province' ELSE 'party' END AS dimension,
      CASE WHEN grouping(province) = 0 THEN province ELSE party END AS key,
      count(*)::int AS targets, count(*) FILTER (WHERE met)::int AS met
    FROM ts GROUP BY GROUPING SETS ((province), (party))
    ORDER BY dimension, key NULLS LAST`, [targetStates(db, s, w)]);
  const pick = (d: string) => (rows as { dimension: string; key: string | null; targets: number; met: number }[])
    .filter((r) => r.dimension === d).map(({ key, targets, met }) => ({ key, targets, met }));
  return { byProvince: pick('province'), byParty: pick('party') };
}

/** How the targets stood after their latest meeting; targets with no stance recorded are "none". */
export async function stanceDistribution(db: Db, s: Scope, w: Window): Promise<{ stance: string; officials: number }[]> {
  const { rows } = await db.raw(`SELECT coalesce(stance, 'none') AS stance, count(*)::int AS officials FROM (?) ts GROUP BY 1`,
    [targetStates(db, s, w)]);
  return rows;
}

/** Meetings per week (Monday to Sunday) from `from` to `to`, weeks without any included, from the counts per day. */
export async function meetingsPerWeek(db: Db, s: Scope, from: string, to: string) {
  const { rows } = await db.raw(`WITH days AS (?),
    weeks AS (SELECT generate_series(date_trunc('week', ?::date), date_trunc('week', ?::date), interval '1 week')::date AS week),
    counts AS (SELECT date_trunc('week', held_on)::date AS week, sum(meetings) FILTER (WHERE status = 'held')::int AS held,
      sum(meetings) FILTER (WHERE status IN ('requested', 'scheduled'))::int AS planned FROM days GROUP BY 1)
    SELECT to_char(weeks.week, 'YYYY-MM-DD') AS week, coalesce(counts.held, 0) AS held, coalesce(counts.planned, 0) AS planned
    FROM weeks LEFT JOIN counts USING (week) ORDER BY weeks.week`, [dayCounts(db, s, { from, to }), from, to]);
  return rows as { week: string; held: number; planned: number }[];
}
