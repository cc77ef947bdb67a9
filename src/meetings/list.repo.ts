import type { Db } from '../db';
import { ActivityFilters, applyActivityFilters } from '../shared/filters';
import { jsonRows, reviveDates } from '../shared/json-rows';
import type { SessionUser } from '../shared/types';
import { visibleTo } from './meetings.repo';

/** The list's filters: the shared activity filters plus the meeting's own. */
export interface MeetingFilters extends ActivityFilters {
  official_id?: number;
  status?: string;
  stance?: string;
  mine?: boolean;
  /** Coordinators only: the deleted meetings, to restore one. */
  deleted?: boolean;
}

function filtered(db: Db, user: SessionUser, f: MeetingFilters) {
  const q = db('meetings as m').join('officials as o', 'o.id', 'm.official_id');
  if (f.deleted) q.whereNotNull('m.deleted_at'); else q.whereNull('m.deleted_at');
  applyActivityFilters(q, f);
  if (f.official_id) q.where('m.official_id', f.official_id);
  if (f.status) q.where('m.status', f.status);
  if (f.stance) q.where('m.stance', f.stance);
  if (f.mine) {
    q.where((w) => w.where('m.logged_by', user.id)
      .orWhereExists((e) => e.from('meeting_attendees as ma').whereRaw('ma.meeting_id = m.id').where('ma.user_id', user.id)));
  }
  return visibleTo(q, user);
}

/**
 * Newest first; the open follow-ups counted in SQL. The campaign, local and logger names are
 * sub-selects rather than joins: read only for the page's rows either way, but a five-table join
 * took PostgreSQL 1.2 ms to plan on every request, the sub-selects 0.2 ms.
 */
export function listMeetings(db: Db, user: SessionUser, f: MeetingFilters, limit: number, offset: number) {
  return filtered(db, user, f)
    .orderBy([{ column: 'm.held_on', order: 'desc' }, { column: 'm.id', order: 'desc' }])
    .limit(limit).offset(offset)
    .select('m.id', 'm.status', 'm.held_on', 'm.stance', 'm.format', 'm.deleted_at', 'o.honorific', 'o.first_name', 'o.last_name',
      'o.constituency', 'o.province', 'o.party',
      db.raw('(select name from campaigns c where c.id = m.campaign_id) as campaign_name'),
      db.raw('(select name from locals l where l.id = m.local_id) as local_name'),
      db.raw('(select name from users u where u.id = m.logged_by) as logged_by_name'),
      db.raw('(select count(*)::int from follow_ups f where f.meeting_id = m.id and f.done_at is null) as open_follow_ups'));
}

export interface FilterChoices {
  campaigns: { id: number; name: string }[];
  locals: { id: number; name: string }[];
  parties: string[];
}

/** What the filter form offers (campaigns, locals and parties that exist), as columns of one statement. */
function choiceColumns(db: Db) {
  return [
    jsonRows(db, db('campaigns').orderBy('id', 'desc').select('id', 'name'), 'campaigns'),
    jsonRows(db, db('locals').orderBy('name').select('id', 'name'), 'locals'),
    db.raw(`(SELECT coalesce(json_agg(party ORDER BY party), '[]'::json)
      FROM (SELECT DISTINCT party FROM officials WHERE party IS NOT NULL) p) AS parties`),
  ];
}

export async function filterChoices(db: Db): Promise<FilterChoices> {
  return db.first(...choiceColumns(db));
}

export type ListRow = Awaited<ReturnType<typeof listMeetings>>[number];

/** The list page in one statement: the filter choices, how many meetings match, and the rows from `offset`. */
export async function listPage(db: Db, user: SessionUser, f: MeetingFilters, limit: number, offset: number)
  : Promise<FilterChoices & { total: number; rows: ListRow[] }> {
  const count = filtered(db, user, f).select(db.raw('count(*)::int'));
  const row = await db.first(...choiceColumns(db), db.raw('? AS total', [count]), jsonRows(db, listMeetings(db, user, f, limit, offset), 'rows'));
  reviveDates(row.rows, ['deleted_at']);
  return row;
}
