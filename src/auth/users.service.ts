import type { Db } from '../db';
import { recordAudit } from '../shared/audit.repo';
import type { SessionUser } from '../shared/types';
import { decoyHash, hashPassword, verifyPassword } from './passwords';
import type { Throttle } from './throttle';
import { emailTaken, findUserByEmailWithHash, insertUser, updateUser } from './users.repo';
import type { UserInput } from './users.validate';

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

export type Throttled = { ok: false; reason: 'throttled'; retryAfterSeconds: number };
export type SignInResult = { ok: true; user: SessionUser } | { ok: false; reason: 'invalid' } | Throttled;

/**
 * Checks an email and password. The answer never tells whether the email exists. The attempt is
 * reserved in the database before the password is checked (see throttle.ts), so that a limit holds
 * against parallel attempts, across instances and restarts; a wrong password leaves it counted.
 */
export async function signIn(db: Db, throttle: Throttle, email: string, password: string, ip: string): Promise<SignInResult> {
  const emailKey = email.trim().toLowerCase();
  const reservation = await throttle.reserveSignIn(emailKey, ip);
  if (!reservation.ok) return { ok: false, reason: 'throttled', retryAfterSeconds: reservation.retryAfterSeconds };
  const found = await findUserByEmailWithHash(db, emailKey);
  const valid = await verifyPassword(found?.password_hash ?? (await decoyHash()), password);
  if (!found || !valid || !found.active) return { ok: false, reason: 'invalid' };
  await throttle.signInSucceeded(emailKey, ip);
  await updateUser(db, found.id, { last_login_at: new Date() });
  const { password_hash: _hash, ...user } = found;
  return { ok: true, user };
}

/**
 * The current password of a signed-in user, asked before it is changed: throttled per user like a
 * sign-in, so that a borrowed or stolen session cannot be used to guess it.
 */
export async function checkCurrentPassword(db: Db, throttle: Throttle, user: SessionUser, password: string): Promise<{ ok: boolean } | Throttled> {
  const reservation = await throttle.reservePasswordCheck(user.id);
  if (!reservation.ok) return { ok: false, reason: 'throttled', retryAfterSeconds: reservation.retryAfterSeconds };
  const stored = await findUserByEmailWithHash(db, user.email);
  const ok = !!stored && (await verifyPassword(stored.password_hash, password));
  if (ok) await throttle.passwordCheckSucceeded(user.id);
  return { ok };
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

// What the administrators' pages (src/admin) read and change of the users, offered here on purpose
// so that no other feature depends on this one's SQL. Admin's own service records the audit event.
export { countUsers, findUserById, listUsers, updateUser } from './users.repo';
