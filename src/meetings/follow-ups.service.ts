import type { Db } from '../db';
import { changedFields, recordAudit } from '../shared/audit.repo';
import { NotFoundError } from '../shared/errors';
import { paginate } from '../shared/pagination';
import type { SessionUser } from '../shared/types';
import { today } from '../shared/validation';
import { meetingFor } from './access.service';
import { countFollowUps, findFollowUpChecked, followUpList, FollowUpRow, FollowUpScope, insertFollowUps, updateFollowUp } from './follow-ups.repo';
import { isChoosable } from './lookups.repo';
import { mayFollowUp } from './policy';
import type { FollowUpInput } from './meetings.validate';

export async function followUpsPage(db: Db, user: SessionUser, scope: FollowUpScope, pageParam: unknown) {
  const pageInfo = paginate(pageParam, await countFollowUps(db, user, scope));
  const rows = await followUpList(db, user, scope, today(), pageInfo.limit, pageInfo.offset);
  return { rows, pageInfo };
}

/** The follow-up if the user may change it (see policy.ts); otherwise 404, so that its existence is not revealed. */
async function followUpFor(db: Db, user: SessionUser, id: number): Promise<FollowUpRow> {
  const checked = await findFollowUpChecked(db, id);
  if (!checked || !mayFollowUp(user, 'change', checked)) throw new NotFoundError();
  const { meeting: _meeting, ...followUp } = checked;
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
 * choosableRule in policy.ts: its current assignee and its meeting's people are on the record).
 */
export async function reassign(db: Db, user: SessionUser, id: number, assigneeId: number | null): Promise<boolean> {
  return db.transaction(async (trx) => {
    const before = await followUpFor(trx, user, id);
    const record = { meetingId: before.meeting_id, already: before.assignee_id ? [before.assignee_id] : [] };
    if (assigneeId && !(await isChoosable(trx, user, record, assigneeId))) return false;
    await change(trx, user, id, 'reassign', () => ({ assignee_id: assigneeId }));
    return true;
  });
}

/** A follow-up added later, from the meeting's page, by someone who may edit the meeting. */
export async function addFollowUp(db: Db, user: SessionUser, meetingId: number, input: FollowUpInput): Promise<boolean> {
  return db.transaction(async (trx) => {
    await meetingFor(trx, user, meetingId, 'change');
    if (input.assignee_id && !(await isChoosable(trx, user, { meetingId }, input.assignee_id))) return false;
    const [row] = await insertFollowUps(trx, meetingId, user.id, [input]);
    await recordAudit(trx, { user_id: user.id, action: 'create', entity: 'follow_up', entity_id: row.id,
      changes: { meeting_id: meetingId, ...changedFields({}, input as never) } });
    return true;
  });
}
