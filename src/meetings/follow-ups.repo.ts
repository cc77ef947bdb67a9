import type { Db } from '../db';
import type { SessionUser } from '../shared/types';
import type { FollowUpInput } from './meetings.validate';

export interface FollowUpRow {
  id: number; meeting_id: number; description: string; due_on: string | null; assignee_id: number | null;
  done_at: Date | null; done_by: number | null;
}

export async function insertFollowUps(db: Db, meetingId: number, createdBy: number, rows: FollowUpInput[]) {
  if (!rows.length) return [];
  return db('follow_ups').insert(rows.map((r) => ({ ...r, meeting_id: meetingId, created_by: createdBy }))).returning('*');
}

export function followUpsOfMeeting(db: Db, meetingId: number) {
  return db('follow_ups as f').leftJoin('users as a', 'a.id', 'f.assignee_id')
    .where('f.meeting_id', meetingId)
    .orderByRaw('f.done_at is not null, f.due_on asc nulls last, f.id')
    .select('f.*', 'a.name as assignee_name');
}

export function findFollowUp(db: Db, id: number): Promise<FollowUpRow | undefined> {
  return db('follow_ups').where({ id }).first();
}

export async function updateFollowUp(db: Db, id: number, changes: Partial<Pick<FollowUpRow, 'done_at' | 'done_by' | 'assignee_id'>>) {
  const [row] = await db('follow_ups').where({ id }).update({ ...changes, updated_at: db.fn.now() }).returning('*');
  return row as FollowUpRow;
}

export type FollowUpScope = 'open' | 'done';

/**
 * The follow-ups assigned to the user or on their local's meetings, overdue first, then by due
 * date; those of deleted meetings are left out.
 */
export function followUpList(db: Db, user: SessionUser, scope: FollowUpScope, today: string, limit: number, offset: number) {
  return followUpQuery(db, user, scope)
    .join('officials as o', 'o.id', 'm.official_id')
    .leftJoin('users as a', 'a.id', 'f.assignee_id')
    .orderByRaw(scope === 'open' ? 'f.due_on < ? desc nulls last, f.due_on asc nulls last, f.id' : 'f.done_at desc, f.id', scope === 'open' ? [today] : [])
    .limit(limit).offset(offset)
    .select('f.*', 'a.name as assignee_name', 'm.held_on', 'm.local_id', 'o.honorific', 'o.first_name', 'o.last_name', 'o.constituency',
      db.raw('(f.due_on < ? and f.done_at is null) as overdue', [today]));
}

export async function countFollowUps(db: Db, user: SessionUser, scope: FollowUpScope): Promise<number> {
  const row = await followUpQuery(db, user, scope).first(db.raw('count(*)::int as n'));
  return (row as unknown as { n: number }).n;
}

function followUpQuery(db: Db, user: SessionUser, scope: FollowUpScope) {
  const q = db('follow_ups as f').join('meetings as m', 'm.id', 'f.meeting_id').whereNull('m.deleted_at');
  q.where((w) => {
    w.where('f.assignee_id', user.id);
    if (user.local_id) w.orWhere('m.local_id', user.local_id);
  });
  if (scope === 'open') q.whereNull('f.done_at'); else q.whereNotNull('f.done_at');
  return q;
}
