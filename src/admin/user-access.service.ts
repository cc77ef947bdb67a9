import { z } from 'zod';
import type { Db } from '../db';
import { Count, firstRow } from '../db/rows';
import { ROLES } from '../shared/types';
import { changedFields, recordAudit } from '../shared/audit.repo';
import { updateUser } from '../auth/users.service';
import { findLocal } from './locals.repo';
import type { UserAccess } from './user-access.validate';

export type AccessResult = { ok: true; changed: boolean } | { ok: false; errors: Record<string, string> };

/** Serialises changes that could remove an administrator, so that two at once cannot remove the last. */
const ADMIN_CHANGE_LOCK = 727002;

/**
 * Changes a user's role, local and active flag. An administrator may not take away their own
 * access, and the tracker always keeps one active administrator: otherwise nobody could manage it.
 * Deactivating ends the user's sessions (and keeps them ended if the user is reactivated later).
 * Undefined when there is no such user.
 */
export async function changeUserAccess(db: Db, actorId: number, userId: number, input: UserAccess): Promise<AccessResult | undefined> {
  return db.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [ADMIN_CHANGE_LOCK]);
    const before = await firstRow(AccessRow, trx('users').where({ id: userId }).forUpdate().first('id', 'role', 'local_id', 'active'), "a user's access");
    if (!before) return undefined;
    if (input.local_id !== null && !(await findLocal(trx, input.local_id))) return { ok: false, errors: { local_id: 'auth:errors.local' } };

    const losesAdmin = before.role === 'admin' && before.active && (input.role !== 'admin' || !input.active);
    const field = input.active ? 'role' : 'active';
    if (losesAdmin && userId === actorId) return { ok: false, errors: { [field]: 'admin:users.errors.notYourself' } };
    if (losesAdmin && (await otherActiveAdmins(trx, userId)) === 0) return { ok: false, errors: { [field]: 'admin:users.errors.lastAdmin' } };

    const changes = changedFields(before, { ...input });
    if (!Object.keys(changes).length) return { ok: true, changed: false };
    const endSessions = before.active && !input.active;
    await updateUser(trx, userId, { ...input, ...(endSessions ? { sessions_valid_after: new Date() } : {}) });
    await recordAudit(trx, { user_id: actorId, action: 'update', entity: 'user', entity_id: userId, changes });
    return { ok: true, changed: true };
  });
}

const AccessRow = z.object({ id: z.number(), role: z.enum(ROLES), local_id: z.number().nullable(), active: z.boolean() });

async function otherActiveAdmins(db: Db, userId: number): Promise<number> {
  const row = await firstRow(Count, db('users').where({ role: 'admin', active: true }).whereNot({ id: userId }).first(db.raw('count(*)::int as n')), 'the other administrators');
  return row?.n ?? 0;
}
