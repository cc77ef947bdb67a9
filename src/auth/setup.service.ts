import type { Db } from '../db';
import { createUser, CreateUserResult } from './users.service';
import type { UserInput } from './users.validate';

/**
 * Creates the first administrator, once. The advisory lock makes two simultaneous first-run
 * submissions take turns, so that exactly one administrator comes out of it.
 */
export async function createFirstAdmin(db: Db, input: UserInput): Promise<CreateUserResult> {
  return db.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(727001)');
    if (await trx('users').first('id')) return { ok: false, errors: { email: 'auth:setup.alreadyDone' } };
    return createUser(trx, { ...input, role: 'admin' }, null);
  });
}
