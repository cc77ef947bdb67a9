import { z } from 'zod';
import type { Db } from '../db';
import { timestamp } from '../db/one-statement';
import { narrowsOfficials, Scope, scopedMeetings } from './dashboard.repo';

const text = z.string().nullable();

/** What worklistFigures gives. */
export const Worklist = z.object({
  total: z.number(),
  rows: z.array(z.object({
    official_id: z.number(), honorific: text, first_name: z.string(), last_name: z.string(), constituency: z.string(),
    province: text, party: text, claimed_by_local_id: z.number().nullable(), local_name: text, last_status: text, last_date: text,
  })),
});

/**
 * Targets without a held meeting in the campaign (by anyone, at any date), sorted so that the ones
 * to act on come first: the viewer's local's claims (when a local is chosen), then unclaimed ones,
 * then those claimed by others; within that, nothing asked yet before cancelled, declined,
 * requested and scheduled, then by province and riding. As one JSON object: how many in all
 * (`total`) and those of page `page` (`rows`; past the last page, the last one), each with the
 * status and date of its latest meeting. From the targets with their tallies, `tg`.
 */
export function worklistFigures(db: Db, s: Scope, page: number, pageSize: number) {
  return db.raw(`WITH w AS MATERIALIZED (
      SELECT tg.*, l.name AS local_name, row_number() OVER (ORDER BY
        CASE WHEN tg.claimed_by_local_id = ? THEN 0 WHEN tg.claimed_by_local_id IS NULL THEN 1 ELSE 2 END,
        CASE tg.last_status WHEN 'cancelled' THEN 1 WHEN 'declined' THEN 2 WHEN 'requested' THEN 3 WHEN 'scheduled' THEN 4 ELSE 0 END,
        tg.province NULLS LAST, tg.constituency, tg.official_id) AS n
      FROM tg LEFT JOIN locals l ON l.id = tg.claimed_by_local_id WHERE coalesce(tg.campaign_held, 0) = 0),
    total AS (SELECT count(*)::int AS n FROM w),
    first AS (SELECT (least(?::numeric, greatest(1, ceil(total.n / ?::numeric))) - 1) * ? AS n FROM total)
    SELECT json_build_object('total', total.n, 'rows', (SELECT coalesce(json_agg(json_build_object('official_id', official_id,
        'honorific', honorific, 'first_name', first_name, 'last_name', last_name, 'constituency', constituency,
        'province', province, 'party', party, 'claimed_by_local_id', claimed_by_local_id, 'local_name', local_name,
        'last_status', last_status, 'last_date', last_held_on) ORDER BY w.n), '[]')
      FROM w, first WHERE w.n > first.n AND w.n <= first.n + ?)) FROM total`, [s.local_id ?? 0, page, pageSize, pageSize, pageSize]);
}

/** What activityFigures gives. */
export const Activity = z.array(z.object({
  id: z.number(), name: z.string(), logged: z.number(), held: z.number(), officials_met: z.number(), last_logged: timestamp.nullable(),
}));

/**
 * Meetings logged, held and officials met per local, most active first (100 at most). Without a
 * date, from the tallies kept by a trigger on meetings: per local (local_tallies), or with a province
 * or party, per local and official (official_tallies) with the officials joined. With dates, from the
 * meetings, grouped by local and official first so that "officials met" needs no count(DISTINCT).
 */
export function activityFigures(db: Db, s: Scope, from?: string, to?: string) {
  let rows;
  if (!from && !to && !narrowsOfficials(s)) {
    rows = db.raw(`SELECT l.id, l.name, t.meetings AS logged, t.held, t.officials_met, t.last_logged
      FROM local_tallies t JOIN locals l ON l.id = t.local_id
      WHERE t.campaign_id = ? AND t.meetings > 0${s.local_id ? ' AND t.local_id = ?' : ''}`,
    s.local_id ? [s.campaign_id, s.local_id] : [s.campaign_id]);
  } else {
    const per = !from && !to
      ? db('official_tallies as k').join('officials as o', 'o.id', 'k.official_id')
        .where('k.campaign_id', s.campaign_id).whereNotNull('k.local_id').where('k.meetings', '>', 0)
        .modify((q) => {
          if (s.local_id) q.where('k.local_id', s.local_id);
          if (s.province) q.where('o.province', s.province);
          if (s.party) q.where('o.party', s.party);
        })
        .select('k.local_id', 'k.meetings as logged', 'k.held', 'k.last_logged as last')
      : db.raw(`SELECT local_id, count(*) AS logged, count(*) FILTER (WHERE status = 'held') AS held, max(created_at) AS last
        FROM (?) sm WHERE local_id IS NOT NULL GROUP BY local_id, official_id`, [scopedMeetings(db, s, { from, to })]);
    rows = db.raw(`SELECT l.id, l.name, sum(per.logged)::int AS logged, sum(per.held)::int AS held,
        count(*) FILTER (WHERE per.held > 0)::int AS officials_met, max(per.last) AS last_logged
      FROM (?) per JOIN locals l ON l.id = per.local_id GROUP BY l.id, l.name`, [per]);
  }
  return db.raw(`SELECT coalesce(json_agg(a ORDER BY a.held DESC, a.logged DESC, a.name), '[]') FROM (
    SELECT * FROM (?) r ORDER BY held DESC, logged DESC, name LIMIT 100) a`, [rows]);
}

export const IDLE_LIMIT = 50;

/** What idleFigures gives. */
export const Idle = z.object({
  kind: z.enum(['locals', 'members']), count: z.number(),
  rows: z.array(z.object({ id: z.number(), name: z.string(), last_logged: timestamp.nullable() })),
});

/**
 * Locals (or, when one local is chosen, its active members) that logged nothing in this campaign
 * in the last 30 days, the longest silent first, as one JSON object: how many there are in all
 * (`count`) and the first 50 (`rows`). A local's last meeting logged is in its tally row; a
 * member's is one index probe each.
 */
export function idleFigures(db: Db, s: Scope) {
  const people = s.local_id
    ? db('users as x').where({ 'x.local_id': s.local_id, 'x.active': true }).select('x.id', 'x.name',
      db('meetings as m').where('m.campaign_id', s.campaign_id).whereNull('m.deleted_at').whereRaw('m.logged_by = x.id')
        .max('m.created_at').as('last_logged'))
    : db('locals as x').leftJoin('local_tallies as t', (j) => j.on('t.local_id', 'x.id').andOnVal('t.campaign_id', s.campaign_id))
      .select('x.id', 'x.name', 't.last_logged');
  return db.raw(`WITH silent AS MATERIALIZED (SELECT * FROM (?) p WHERE p.last_logged IS NULL OR p.last_logged < now() - interval '30 days')
    SELECT json_build_object('kind', ?::text, 'count', (SELECT count(*)::int FROM silent),
      'rows', (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'last_logged', last_logged)
        ORDER BY last_logged ASC NULLS FIRST, name), '[]') FROM (
        SELECT * FROM silent ORDER BY last_logged ASC NULLS FIRST, name LIMIT ?) r))`,
  [people, s.local_id ? 'members' : 'locals', IDLE_LIMIT]);
}
