import type { Db } from '../db';
import { ActivityFilters, applyActivityFilters } from '../shared/filters';

/** The dashboard's filters; a campaign is always chosen. */
export type Scope = ActivityFilters & { campaign_id: number };

export interface Window {
  from?: string;
  to?: string;
}

/** The campaign's meetings (not deleted) within the filters and a date window: every figure starts here. */
export function scopedMeetings(db: Db, s: Scope, w: Window) {
  return applyActivityFilters(db('meetings as m').join('officials as o', 'o.id', 'm.official_id').whereNull('m.deleted_at'),
    { ...s, from: w.from, to: w.to })
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

/** Each official's stance after their latest meeting that recorded one. */
const LATEST_STANCE = `SELECT DISTINCT ON (official_id) official_id, stance FROM sm
  WHERE stance IS NOT NULL ORDER BY official_id, held_on DESC, id DESC`;

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
 * created by then and not done by then; overdue: also due before then). Only held meetings count as met.
 */
export async function headline(db: Db, s: Scope, w: Window, asOf: string): Promise<Headline> {
  const { rows } = await db.raw(`WITH sm AS (?), tg AS (?), latest AS (${LATEST_STANCE}), fu AS (
      SELECT f.due_on FROM follow_ups f JOIN (?) scope ON scope.id = f.meeting_id
      WHERE (f.created_at AT TIME ZONE 'America/Toronto')::date <= ?::date
        AND (f.done_at IS NULL OR (f.done_at AT TIME ZONE 'America/Toronto')::date > ?::date))
    SELECT (SELECT count(*) FROM tg)::int AS targets,
      (SELECT count(DISTINCT sm.official_id) FROM sm JOIN tg USING (official_id) WHERE sm.status = 'held')::int AS met,
      (SELECT count(*) FROM sm WHERE status = 'held')::int AS held,
      (SELECT count(*) FROM sm WHERE status = 'scheduled')::int AS scheduled,
      (SELECT count(*) FROM latest WHERE stance IN ('champion', 'supportive'))::int AS favourable,
      (SELECT count(*) FROM fu)::int AS open_follow_ups,
      (SELECT count(*) FROM fu WHERE due_on < ?::date)::int AS overdue_follow_ups`,
  [scopedMeetings(db, s, w), sittingTargets(db, s), scopedMeetings(db, s, {}).clearSelect().select('m.id'), asOf, asOf, asOf]);
  return rows[0];
}

/** Targets and targets met, by province and by party, in one pass (grouping sets). */
export async function coverage(db: Db, s: Scope, w: Window) {
  const { rows } = await db.raw(`WITH sm AS (?), tg AS (?), met AS (SELECT DISTINCT official_id FROM sm WHERE status = 'held')
    SELECT CASE WHEN grouping(tg.province) = 0 THEN 'province' ELSE 'party' END AS dimension,
      CASE WHEN grouping(tg.province) = 0 THEN tg.province ELSE tg.party END AS key,
      count(*)::int AS targets, count(met.official_id)::int AS met
    FROM tg LEFT JOIN met USING (official_id)
    GROUP BY GROUPING SETS ((tg.province), (tg.party))
    ORDER BY dimension, key NULLS LAST`, [scopedMeetings(db, s, w), sittingTargets(db, s)]);
  const pick = (d: string) => (rows as { dimension: string; key: string | null; targets: number; met: number }[])
    .filter((r) => r.dimension === d).map(({ key, targets, met }) => ({ key, targets, met }));
  return { byProvince: pick('province'), byParty: pick('party') };
}

/** How the targets stood after their latest meeting; targets never asked are "none". */
export async function stanceDistribution(db: Db, s: Scope, w: Window): Promise<{ stance: string; officials: number }[]> {
  const { rows } = await db.raw(`WITH sm AS (?), tg AS (?), latest AS (${LATEST_STANCE})
    SELECT coalesce(latest.stance, 'none') AS stance, count(*)::int AS officials
    FROM tg LEFT JOIN latest USING (official_id) GROUP BY 1`, [scopedMeetings(db, s, w), sittingTargets(db, s)]);
  return rows;
}

/** Meetings per week (Monday to Sunday) from `from` to `to`, weeks without any included. */
export async function meetingsPerWeek(db: Db, s: Scope, from: string, to: string) {
  const { rows } = await db.raw(`WITH sm AS (?),
    weeks AS (SELECT generate_series(date_trunc('week', ?::date), date_trunc('week', ?::date), interval '1 week')::date AS week),
    counts AS (SELECT date_trunc('week', held_on)::date AS week, count(*) FILTER (WHERE status = 'held')::int AS held,
      count(*) FILTER (WHERE status IN ('requested', 'scheduled'))::int AS planned FROM sm GROUP BY 1)
    SELECT to_char(weeks.week, 'YYYY-MM-DD') AS week, coalesce(counts.held, 0) AS held, coalesce(counts.planned, 0) AS planned
    FROM weeks LEFT JOIN counts USING (week) ORDER BY weeks.week`, [scopedMeetings(db, s, { from, to }), from, to]);
  return rows as { week: string; held: number; planned: number }[];
}
