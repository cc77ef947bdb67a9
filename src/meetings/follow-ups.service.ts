import type { Db } from '../db';
import { changedFields, recordAudit } from '../shared/audit.repo';
import { NotFoundError } from '../shared/errors';
import { paginate } from '../shared/pagination';
import type { SessionUser } from '../shared/types';
import { today } from '../shared/validation';
import { canSee, meetingFor, peopleScope } from './access.service';
import { countFollowUps, findFollowUp, followUpList, FollowUpRow, FollowUpScope, insertFollowUps, updateFollowUp } from './follow-ups.repo';
import { isChoosable } from './lookups.repo';
import { findMeetingRow } from './meetings.repo';
import type { FollowUpInput } from './meetings.validate';

export async function followUpsPage(db: Db, user: SessionUser, scope: FollowUpScope, pageParam: unknown) {
  const pageInfo = paginate(pageParam, await countFollowUps(db, user, scope));
  const rows = await followUpList(db, user, scope, today(), pageInfo.limit, pageInfo.offset);
  return { rows, pageInfo };
}

/** The assignee may act on a follow-up, and so may anyone who may see its meeting. */
async function followUpFor(db: Db, user: SessionUser, id: number): Promise<FollowUpRow> {
  const followUp = await findFollowUp(db, id);
  if (!followUp) throw new NotFoundError();
  const meeting = await findMeetingRow(db, followUp.meeting_id);
  if (!meeting || meeting.deleted_at) throw new NotFoundError();
  if (followUp.assignee_id !== user.id && !(await canSee(db, user, meeting))) throw new NotFoundError();
  return followUp;
}

async function change(db: Db, user: SessionUser, id: number, action: string,
  changes: (f: FollowUpRow) => Partial<Pick<FollowUpRow, 'done_at' | 'done_by' | 'assignee_id'>>): Promise<FollowUpRow> {
  return db.transaction(async (trx) => {
    const before = await followUpFor(trx, user, id);
    const after = await updateFollowUp(trx, id, changes(before));
    await recordAudit(trx, { user_id: user.id, action, entity: 'follow_up', entity_id: id,
      changes: { meeting_id: before.meeting_id, ...changedFields(before, after) } });
    return after;
  });
}

export const markDone = (db: Db, user: SessionUser, id: number) =>
  change(db, user, id, 'done', (f) => (f.done_at ? {} : { done_at: new Date(), done_by: user.id }));

export const reopen = (db: Db, user: SessionUser, id: number) =>
  change(db, user, id, 'reopen', () => ({ done_at: null, done_by: null }));

/**
 * Returns false, changing nothing, when the user may not hand the follow-up to this person (see
 * peopleScope: its current assignee and its meeting's people are on the record).
 */
export async function reassign(db: Db, user: SessionUser, id: number, assigneeId: number | null): Promise<boolean> {
  return db.transaction(async (trx) => {
    const before = await followUpFor(trx, user, id);
    const scope = peopleScope(user, { meetingId: before.meeting_id, already: before.assignee_id ? [before.assignee_id] : [] });
    if (assigneeId && !(await isChoosable(trx, scope, assigneeId))) return false;
    await change(trx, user, id, 'reassign', () => ({ assignee_id: assigneeId }));
    return true;
  });
}

/** A follow-up added later, from the meeting's page, by someone who may edit the meeting. */
export async function addFollowUp(db: Db, user: SessionUser, meetingId: number, input: FollowUpInput): Promise<boolean> {
  return db.transaction(async (trx) => {
    await meetingFor(trx, user, meetingId, 'edit');
    if (input.assignee_id && !(await isChoosable(trx, peopleScope(user, { meetingId }), input.assignee_id))) return false;
    const [row] = await insertFollowUps(trx, meetingId, user.id, [input]);
    await recordAudit(trx, { user_id: user.id, action: 'create', entity: 'follow_up', entity_id: row.id,
      changes: { meeting_id: meetingId, ...changedFields({}, input as never) } });
    return true;
  });
}
