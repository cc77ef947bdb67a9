import type { Db } from '../db';
import { changedFields, recordAudit } from '../shared/audit.repo';
import { NotFoundError } from '../shared/errors';
import { paginate } from '../shared/pagination';
import type { SessionUser } from '../shared/types';
import { today } from '../shared/validation';
import { meetingFor } from './access.service';
import type { FollowUpFilters } from './follow-up-filters';
import { followUpListPage, followUpRows } from './follow-up-list.repo';
import { findFollowUpChecked, FollowUpRow, insertFollowUps, updateFollowUp } from './follow-ups.repo';
import { isChoosable, peopleChoices } from './lookups.repo';
import { mayFollowUp } from './policy';
import type { FollowUpInput } from './meetings.validate';

/**
 * The follow-up list's page: the filter choices, the count and the rows, read together (a page past
 * the end shows the last one, which takes a second read, only then), and the people its forms offer:
 * those already assigned on the page, and the active people of the local filtered on (else the
 * user's own; national staff without a local filter are offered only those on the page).
 */
export async function followUpsPage(db: Db, user: SessionUser, f: FollowUpFilters, pageParam: unknown) {
  const day = today();
  const asked = paginate(pageParam, Number.MAX_SAFE_INTEGER);
  const { total, rows, ...choices } = await followUpListPage(db, user, f, day, asked.limit, asked.offset);
  const pageInfo = paginate(pageParam, total);
  const pageRows = pageInfo.offset === asked.offset ? rows : await followUpRows(db, user, f, day, pageInfo.limit, pageInfo.offset);
  const already = [...new Set(pageRows.map((r) => r.assignee_id).filter((a): a is number => !!a))];
  const near = f.local_id ?? (user.local_id ? undefined : null);
  return { choices, pageInfo, rows: pageRows, people: await peopleChoices(db, user, { already }, near), today: day };
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
