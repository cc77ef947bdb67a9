import type { Db } from '../db';
import { changedFields, recordAudit } from '../shared/audit.repo';
import { findLocal, insertLocal, LocalFields, localNameTaken, updateLocal } from './locals.repo';

export type LocalResult = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

const NAME_TAKEN = { ok: false as const, errors: { name: 'admin:locals.errors.nameTaken' } };

/** Two saves of the same name at once: the unique index refuses the second one. */
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export async function createLocal(db: Db, actorId: number, fields: LocalFields): Promise<LocalResult> {
  if (await localNameTaken(db, fields.name)) return NAME_TAKEN;
  try {
    return await db.transaction(async (trx) => {
      const local = await insertLocal(trx, fields);
      await recordAudit(trx, { user_id: actorId, action: 'create', entity: 'local', entity_id: local.id, changes: { ...fields } });
      return { ok: true as const, id: local.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return NAME_TAKEN;
    throw err;
  }
}

/** Renames a local (and corrects its union or province); undefined when there is no such local. */
export async function editLocal(db: Db, actorId: number, id: number, fields: LocalFields): Promise<LocalResult | undefined> {
  const before = await findLocal(db, id);
  if (!before) return undefined;
  if (await localNameTaken(db, fields.name, id)) return NAME_TAKEN;
  const changes = changedFields({ ...before }, { ...fields });
  if (!Object.keys(changes).length) return { ok: true, id };
  try {
    await db.transaction(async (trx) => {
      await updateLocal(trx, id, fields);
      await recordAudit(trx, { user_id: actorId, action: 'update', entity: 'local', entity_id: id, changes });
    });
  } catch (err) {
    if (isUniqueViolation(err)) return NAME_TAKEN;
    throw err;
  }
  return { ok: true, id };
}
