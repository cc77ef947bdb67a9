import type { Db } from '../db';
import { ActivityFilters, applyActivityFilters } from '../shared/filters';
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

export async function countMeetings(db: Db, user: SessionUser, f: MeetingFilters): Promise<number> {
  const row = await filtered(db, user, f).first(db.raw('count(*)::int as n'));
  return (row as unknown as { n: number }).n;
}

/** Newest first; the open follow-ups counted in SQL. */
export function listMeetings(db: Db, user: SessionUser, f: MeetingFilters, limit: number, offset: number) {
  return filtered(db, user, f)
    .leftJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .leftJoin('locals as l', 'l.id', 'm.local_id')
    .leftJoin('users as u', 'u.id', 'm.logged_by')
    .orderBy([{ column: 'm.held_on', order: 'desc' }, { column: 'm.id', order: 'desc' }])
    .limit(limit).offset(offset)
    .select('m.id', 'm.status', 'm.held_on', 'm.stance', 'm.format', 'm.deleted_at', 'o.honorific', 'o.first_name', 'o.last_name',
      'o.constituency', 'o.province', 'o.party', 'c.name as campaign_name', 'l.name as local_name', 'u.name as logged_by_name',
      db.raw('(select count(*)::int from follow_ups f where f.meeting_id = m.id and f.done_at is null) as open_follow_ups'));
}

/** What the filter form offers: campaigns, locals and parties that exist. */
export async function filterChoices(db: Db) {
  const [campaigns, locals, parties] = await Promise.all([
    db('campaigns').orderBy('id', 'desc').select('id', 'name'),
    db('locals').orderBy('name').select('id', 'name'),
    db('officials').whereNotNull('party').distinct('party').orderBy('party'),
  ]);
  return { campaigns, locals, parties: parties.map((p) => p.party as string) };
}
