import { z } from 'zod';
import type { Db } from '../db';
import { timestamp } from '../db/one-statement';
import { allRows, firstRow } from '../db/rows';
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

/** Of `ids`, the follow-ups the user may change (policy.ts), locked until the transaction ends. */
export function lockChangeable(db: Db, user: SessionUser, ids: readonly number[]): Promise<FollowUpRow[]> {
  return allRows(FollowUpRow, db('follow_ups as f').whereRaw('f.id = ANY(?::int[])', [[...ids]])
    .modify(followUpsFilter(user, 'change')).orderBy('f.id').forUpdate().select('f.*'), 'the follow-ups to change');
}

/** The same change to several follow-ups, in one statement. */
export function updateFollowUps(db: Db, ids: readonly number[], changes: Partial<Pick<FollowUpRow, 'done_at' | 'done_by' | 'assignee_id'>>): Promise<FollowUpRow[]> {
  return allRows(FollowUpRow, db('follow_ups').whereRaw('id = ANY(?::int[])', [[...ids]])
    .update({ ...changes, updated_at: db.fn.now() }).returning('*'), 'the changed follow-ups');
}
