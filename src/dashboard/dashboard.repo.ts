import type { Knex } from 'knex';
import { z } from 'zod';
import type { Db } from '../db';
import { ActivityFilters, applyActivityFilters } from '../shared/filters';

/** The dashboard's filters; a campaign is always chosen. */
export type Scope = ActivityFilters & { campaign_id: number };

export interface Window {
  from?: string;
  to?: string;
}

/**
 * Whether the scope narrows the officials (a province or a party). The counts kept per campaign,
 * local and day (meeting_counts, follow_up_deltas) cannot say whose meetings they count: such a view
 * counts from the meetings themselves.
 */
export const narrowsOfficials = (s: Scope) => Boolean(s.province || s.party);

/**
 * The campaign's meetings (not deleted) within the filters and a date window. The officials are
 * joined only when a province or party is chosen: the common case then reads the meetings alone.
 */
export function scopedMeetings(db: Db, s: Scope, w: Window) {
  const q = db('meetings as m').whereNull('m.deleted_at');
  if (narrowsOfficials(s)) q.join('officials as o', 'o.id', 'm.official_id');
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

/**
 * The sitting targets (one row each, to be named `tg`) with what the figures need from their tally
 * rows (official_tallies, kept by a trigger on meetings): the scope's (the whole campaign's, or the
 * chosen local's) for met and stance; the whole campaign's for the worklist (held by anyone, and
 * the latest meeting); and the official's names and the claim, for the worklist.
 */
export function targetsWithTallies(db: Db, s: Scope) {
  const tally = (alias: string, localId?: number) => (j: Knex.JoinClause) => {
    j.on(`${alias}.official_id`, 'o.id').andOnVal(`${alias}.campaign_id`, s.campaign_id);
    if (localId) j.andOnVal(`${alias}.local_id`, localId);
    else j.andOnNull(`${alias}.local_id`);
  };
  const q = sittingTargets(db, s).leftJoin('official_tallies as k', tally('k', s.local_id))
    .select('o.honorific', 'o.first_name', 'o.last_name', 'o.constituency', 't.claimed_by_local_id',
      'k.first_held_on', 'k.stance as latest_stance', 'k.stance_held_on');
  if (!s.local_id) return q.select('k.held as campaign_held', 'k.last_status', 'k.last_held_on');
  return q.leftJoin('official_tallies as c', tally('c')).select('c.held as campaign_held', 'c.last_status', 'c.last_held_on');
}

/** The scope's meetings with one target (tg.official_id), for a correlated subquery that the indexes answer. */
function meetingsOfTarget(db: Db, s: Scope, w: Window) {
  return applyActivityFilters(db('meetings as m').whereNull('m.deleted_at').whereRaw('m.official_id = tg.official_id'),
    { campaign_id: s.campaign_id, local_id: s.local_id, from: w.from, to: w.to });
}

/**
 * Each target of `tg` (targetsWithTallies) with whether it was met (a held meeting in the window:
 * declined, cancelled and the rest never count) and its stance after its latest meeting that
 * recorded one. Without a start date, from the tally: met when the first held meeting falls in the
 * window, and the latest stance unless that came after the window's end, when the meetings are
 * asked. With a start date, the meetings are asked for each target: one index probe each, however
 * many meetings the campaign has. `table` holds the targets as targetsWithTallies gives them for
 * `s` (read as `tg`).
 */
export function targetStates(db: Db, s: Scope, w: Window, table = 'tg') {
  const q = db.from({ tg: table }).select('tg.official_id', 'tg.province', 'tg.party');
  const stanceProbe = meetingsOfTarget(db, s, w).whereNotNull('m.stance')
    .orderBy([{ column: 'm.held_on', order: 'desc' }, { column: 'm.id', order: 'desc' }]).limit(1).select('m.stance');
  if (w.from) {
    const met = meetingsOfTarget(db, s, w).where('m.status', 'held').select(db.raw('1'));
    return q.select(db.raw('EXISTS (?) AS met', [met]), db.raw('(?) AS stance', [stanceProbe]));
  }
  if (!w.to) return q.select(db.raw('tg.first_held_on IS NOT NULL AS met'), 'tg.latest_stance as stance');
  return q.select(db.raw('coalesce(tg.first_held_on <= ?, false) AS met', [w.to]),
    db.raw('CASE WHEN tg.stance_held_on <= ? THEN tg.latest_stance WHEN tg.latest_stance IS NOT NULL THEN (?) END AS stance', [w.to, stanceProbe]));
}

/** What coverageFigures gives. */
export const Coverage = z.array(z.object({
  dimension: z.enum(['province', 'party']), key: z.string().nullable(), targets: z.number(), met: z.number(),
}));

/** Targets and targets met, by province and by party, in one pass (grouping sets), from the target states in `states`. */
export function coverageFigures(db: Db, states: string) {
  return db.raw(`SELECT coalesce(json_agg(json_build_object('dimension', dimension, 'key', key, 'targets', targets, 'met', met)
      ORDER BY dimension, key NULLS LAST), '[]') FROM (
    SELECT CASE WHEN grouping(province) = 0 THEN 'province' ELSE 'party' END AS dimension,
      CASE WHEN grouping(province) = 0 THEN province ELSE party END AS key,
      count(*)::int AS targets, count(*) FILTER (WHERE met)::int AS met
    FROM ${states} GROUP BY GROUPING SETS ((province), (party))) c`);
}

/** What stanceFigures gives. */
export const Stances = z.array(z.object({ stance: z.string(), officials: z.number() }));

/** How the targets in `states` stood after their latest meeting; targets with no stance recorded are "none". */
export function stanceFigures(db: Db, states: string) {
  return db.raw(`SELECT coalesce(json_agg(json_build_object('stance', stance, 'officials', officials)), '[]') FROM (
    SELECT coalesce(stance, 'none') AS stance, count(*)::int AS officials FROM ${states} GROUP BY 1) s`);
}
