import type { Db } from '../db';
import { AuditEvent, changedFields, recordAudits } from '../shared/audit.repo';
import type { SessionUser } from '../shared/types';
import { lockChangeable, updateFollowUps } from './follow-ups.repo';
import type { BulkInput } from './follow-ups-bulk.validate';
import { isChoosable } from './lookups.repo';

export type BulkResult = { ok: true; changed: number } | { ok: false; errors: Record<string, string> };

/**
 * Marks the selected follow-ups done, or hands them all to one person (or to nobody), in one
 * transaction: every id must be one the user may change and the person one they may pick (the
 * policy, for no record in particular: someone active, or themself), else nothing changes. Each
 * follow-up changed is audited as the single action audits it; those already so are left alone.
 */
export async function bulkChange(db: Db, user: SessionUser, input: BulkInput): Promise<BulkResult> {
  return db.transaction(async (trx): Promise<BulkResult> => {
    const before = await lockChangeable(trx, user, input.ids);
    if (before.length !== input.ids.length) return { ok: false, errors: { ids: 'meetings:followUps.bulk.notAllowed' } };
    if (input.action === 'reassign' && input.assignee_id && !(await isChoosable(trx, user, {}, input.assignee_id))) {
      return { ok: false, errors: { assignee_id: 'meetings:errors.assignee' } };
    }
    const changing = before.filter((f) => (input.action === 'done' ? !f.done_at : f.assignee_id !== input.assignee_id));
    if (!changing.length) return { ok: true, changed: 0 };
    const after = await updateFollowUps(trx, changing.map((f) => f.id),
      input.action === 'done' ? { done_at: new Date(), done_by: user.id } : { assignee_id: input.assignee_id });
    const was = new Map(changing.map((f) => [f.id, f]));
    await recordAudits(trx, after.map((f): AuditEvent => ({ user_id: user.id, action: input.action, entity: 'follow_up', entity_id: f.id,
      changes: { meeting_id: f.meeting_id, ...changedFields(was.get(f.id)!, f) } })));
    return { ok: true, changed: after.length };
  });
}
