import { z } from 'zod';
import type { Db } from '../db';
import { timestamp } from '../db/one-statement';
import { allRows, Count, firstRow } from '../db/rows';
import type { SessionUser } from '../shared/types';
import type { FollowUpInput } from './meetings.validate';
import { followUpsFilter } from './policy';
import { followUpsWithFacts, MeetingFacts } from './policy.repo';

const text = z.string().nullable();
const ref = z.number().nullable();

/**
 * A follow-up as `follow_ups.*` reads it: the columns the code uses are parsed, the others kept as
 * they come, since the audit trail records every column a change touched.
 */
export const FollowUpRow = z.looseObject({
  id: z.number(), meeting_id: z.number(), description: z.string(), due_on: text, assignee_id: ref, done_at: timestamp.nullable(), done_by: ref,
});
export type FollowUpRow = z.output<typeof FollowUpRow>;

export async function insertFollowUps(db: Db, meetingId: number, createdBy: number, rows: FollowUpInput[]): Promise<FollowUpRow[]> {
  if (!rows.length) return [];
  return allRows(FollowUpRow,
    db('follow_ups').insert(rows.map((r) => ({ ...r, meeting_id: meetingId, created_by: createdBy }))).returning('*'), 'new follow-ups');
}

export function followUpsOfMeeting(db: Db, meetingId: number) {
  return db('follow_ups as f').leftJoin('users as a', 'a.id', 'f.assignee_id')
    .where('f.meeting_id', meetingId)
    .orderByRaw('f.done_at is not null, f.due_on asc nulls last, f.id')
    .select('f.*', 'a.name as assignee_name');
}

/** A follow-up as `follow_ups.*` reads it, with its meeting's facts (what the policy's check reads). */
const FollowUpChecked = FollowUpRow.extend({ meeting: MeetingFacts });

export function findFollowUpChecked(db: Db, id: number): Promise<z.output<typeof FollowUpChecked> | undefined> {
  return firstRow(FollowUpChecked, followUpsWithFacts(db, ['f.*']).where('f.id', id).first(), 'a follow-up to check');
}

export async function updateFollowUp(db: Db, id: number, changes: Partial<Pick<FollowUpRow, 'done_at' | 'done_by' | 'assignee_id'>>): Promise<FollowUpRow> {
  const [row] = await allRows(FollowUpRow,
    db('follow_ups').where({ id }).update({ ...changes, updated_at: db.fn.now() }).returning('*'), 'a changed follow-up');
  return row;
}

export type FollowUpScope = 'open' | 'done';

/**
 * The follow-ups assigned to the user or on their local's meetings, overdue first, then by due
 * date; those of deleted meetings are left out.
 */
/** A row of followUpList: the follow-up (`f.*`, kept whole as FollowUpRow keeps it) with its meeting's day and local and its official. */
const ListedFollowUp = FollowUpRow.extend({
  assignee_name: text, held_on: z.string(), local_id: ref, honorific: text, first_name: z.string(), last_name: z.string(),
  constituency: z.string(), overdue: z.boolean().nullable(),
});

export function followUpList(db: Db, user: SessionUser, scope: FollowUpScope, today: string, limit: number, offset: number): Promise<z.output<typeof ListedFollowUp>[]> {
  return allRows(ListedFollowUp, followUpQuery(db, user, scope)
    .join('officials as o', 'o.id', 'm.official_id')
    .leftJoin('users as a', 'a.id', 'f.assignee_id')
    .orderByRaw(scope === 'open' ? 'f.due_on < ? desc nulls last, f.due_on asc nulls last, f.id' : 'f.done_at desc, f.id', scope === 'open' ? [today] : [])
    .limit(limit).offset(offset)
    .select('f.*', 'a.name as assignee_name', 'm.held_on', 'm.local_id', 'o.honorific', 'o.first_name', 'o.last_name', 'o.constituency',
      db.raw('(f.due_on < ? and f.done_at is null) as overdue', [today])), 'a page of follow-ups');
}

export async function countFollowUps(db: Db, user: SessionUser, scope: FollowUpScope): Promise<number> {
  const row = await firstRow(Count, followUpQuery(db, user, scope).first(db.raw('count(*)::int as n')), 'the count of follow-ups');
  return row?.n ?? 0;
}

function followUpQuery(db: Db, user: SessionUser, scope: FollowUpScope) {
  const q = db('follow_ups as f').join('meetings as m', 'm.id', 'f.meeting_id').modify(followUpsFilter(user, 'see', { meeting: 'm' }));
  if (scope === 'open') q.whereNull('f.done_at'); else q.whereNotNull('f.done_at');
  return q;
}
