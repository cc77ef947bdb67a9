import type { Db } from '../db';
import { Scope, scopedMeetings, sittingTargets } from './dashboard.repo';

/**
 * Targets without a held meeting in the campaign (by anyone, at any date), sorted so that the ones
 * to act on come first: the viewer's local's claims (when a local is chosen), then unclaimed ones,
 * then those claimed by others; within that, nothing asked yet before cancelled, declined,
 * requested and scheduled, then by province and riding.
 */
function notMet(db: Db, s: Scope) {
  return db.from(sittingTargets(db, s).as('tg'))
    .join('officials as o', 'o.id', 'tg.official_id')
    .join('campaign_targets as t', (j) => j.on('t.official_id', 'o.id').andOnVal('t.campaign_id', s.campaign_id))
    .whereNotExists(db('meetings as h').whereRaw('h.official_id = o.id').where({ 'h.campaign_id': s.campaign_id, 'h.status': 'held' }).whereNull('h.deleted_at'));
}

export async function countWorklist(db: Db, s: Scope): Promise<number> {
  const row = await notMet(db, s).first(db.raw('count(*)::int AS n'));
  return (row as unknown as { n: number }).n;
}

export function worklist(db: Db, s: Scope, page: { limit: number; offset: number }) {
  const mine = s.local_id ?? 0;
  return notMet(db, s)
    .leftJoin('locals as l', 'l.id', 't.claimed_by_local_id')
    .joinRaw(`LEFT JOIN LATERAL (SELECT r.status, r.held_on FROM meetings r WHERE r.campaign_id = ? AND r.official_id = o.id
      AND r.deleted_at IS NULL ORDER BY r.held_on DESC, r.id DESC LIMIT 1) last ON true`, [s.campaign_id])
    .orderByRaw(`CASE WHEN t.claimed_by_local_id = ? THEN 0 WHEN t.claimed_by_local_id IS NULL THEN 1 ELSE 2 END,
      CASE last.status WHEN 'cancelled' THEN 1 WHEN 'declined' THEN 2 WHEN 'requested' THEN 3 WHEN 'scheduled' THEN 4 ELSE 0 END,
      o.province NULLS LAST, o.constituency, o.id`, [mine])
    .limit(page.limit).offset(page.offset)
    .select('o.id as official_id', 'o.honorific', 'o.first_name', 'o.last_name', 'o.constituency', 'o.province', 'o.party',
      't.claimed_by_local_id', 'l.name as local_name', 'last.status as last_status', 'last.held_on as last_date');
}

/**
 * Meetings logged, held and officials met per local, most active first. Grouped by local and
 * official first, so that "officials met" needs no count(DISTINCT) sort over every meeting.
 */
export async function activityByLocal(db: Db, s: Scope, from?: string, to?: string) {
  const { rows } = await db.raw(`WITH per AS (
      SELECT local_id, official_id, count(*) AS logged, count(*) FILTER (WHERE status = 'held') AS held, max(created_at) AS last
      FROM (?) sm WHERE local_id IS NOT NULL GROUP BY local_id, official_id)
    SELECT l.id, l.name, sum(per.logged)::int AS logged, sum(per.held)::int AS held,
      count(*) FILTER (WHERE per.held > 0)::int AS officials_met, max(per.last) AS last_logged
    FROM per JOIN locals l ON l.id = per.local_id
    GROUP BY l.id, l.name ORDER BY held DESC, logged DESC, l.name LIMIT 100`, [scopedMeetings(db, s, { from, to })]);
  return rows as { id: number; name: string; logged: number; held: number; officials_met: number; last_logged: Date }[];
}

const IDLE_LIMIT = 50;

/**
 * Locals (or, when one local is chosen, its active members) that logged nothing in this campaign
 * in the last 30 days, the longest silent first. `count` is how many there are in all.
 */
export async function idle(db: Db, s: Scope): Promise<{ kind: 'locals' | 'members'; count: number; rows: { id: number; name: string; last_logged: Date | null }[] }> {
  const kind = s.local_id ? 'members' : 'locals';
  const last = (column: string) => db('meetings as m').where('m.campaign_id', s.campaign_id).whereNull('m.deleted_at')
    .whereRaw(`m.${column} = x.id`).max('m.created_at');
  const people = kind === 'members'
    ? db('users as x').where({ 'x.local_id': s.local_id, 'x.active': true }).select('x.id', 'x.name', last('logged_by').as('last_logged'))
    : db('locals as x').select('x.id', 'x.name', last('local_id').as('last_logged'));
  const silent = db.from(people.as('p')).where((w) => w.whereNull('p.last_logged').orWhereRaw("p.last_logged < now() - interval '30 days'"));
  const total = await silent.clone().first(db.raw('count(*)::int AS n'));
  const rows = await silent.orderByRaw('p.last_logged ASC NULLS FIRST, p.name').limit(IDLE_LIMIT).select('p.id', 'p.name', 'p.last_logged');
  return { kind, count: (total as unknown as { n: number }).n, rows };
}
