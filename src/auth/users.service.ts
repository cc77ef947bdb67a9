import type { Db } from '../db';
import { recordAudit } from '../shared/audit.repo';
import type { SessionUser } from '../shared/types';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import { clearAccountFailures, recentFailures, recordLoginFailure } from './throttle.repo';
import { emailTaken, findUserByEmailWithHash, insertUser, updateUser } from './users.repo';
import type { UserInput } from './users.validate';

export const MAX_FAILURES = 10;

export type CreateUserResult = { ok: true; user: SessionUser } | { ok: false; errors: Record<string, string> };

export async function createUser(db: Db, input: UserInput, actorId: number | null): Promise<CreateUserResult> {
  if (input.local_id !== null && !(await db('locals').where({ id: input.local_id }).first('id'))) {
    return { ok: false, errors: { local_id: 'auth:errors.local' } };
  }
  if (await emailTaken(db, input.email)) return { ok: false, errors: { email: 'auth:errors.emailTaken' } };
  const password_hash = await hashPassword(input.password);
  return db.transaction(async (trx) => {
    const user = await insertUser(trx, { email: input.email, name: input.name, role: input.role, local_id: input.local_id, password_hash });
    await recordAudit(trx, { user_id: actorId ?? user.id, action: 'create', entity: 'user', entity_id: user.id,
      changes: { email: user.email, name: user.name, role: user.role, local_id: user.local_id } });
    return { ok: true as const, user };
  });
}

export type SignInResult = { ok: true; user: SessionUser } | { ok: false; reason: 'invalid' | 'throttled' };

/**
 * Checks an email and password. The answer never tells whether the email exists, and failures
 * are counted in the database per account and per address so that the limit survives restarts.
 */
export async function signIn(db: Db, email: string, password: string, ip: string): Promise<SignInResult> {
  const emailKey = email.trim().toLowerCase();
  const failures = await recentFailures(db, emailKey, ip);
  if (failures.account >= MAX_FAILURES || failures.address >= MAX_FAILURES) return { ok: false, reason: 'throttled' };
  const found = await findUserByEmailWithHash(db, emailKey);
  const valid = await verifyPassword(found?.password_hash ?? (await decoyHash()), password);
  if (!found || !valid || !found.active) {
    await recordLoginFailure(db, emailKey, ip);
    return { ok: false, reason: 'invalid' };
  }
  await clearAccountFailures(db, emailKey);
  await updateUser(db, found.id, { last_login_at: new Date() });
  const { password_hash: _hash, ...user } = found;
  return { ok: true, user };
}

/** A new password ends every other session of that user. */
export async function changePassword(db: Db, userId: number, password: string, actorId: number): Promise<Date> {
  const password_hash = await hashPassword(password);
  const cutOff = new Date();
  await db.transaction(async (trx) => {
    await updateUser(trx, userId, { password_hash, sessions_valid_after: cutOff });
    await recordAudit(trx, { user_id: actorId, action: 'password', entity: 'user', entity_id: userId });
  });
  return cutOff;
}
