import type { Db } from '../db';

export const THROTTLE_WINDOW_MINUTES = 15;

export async function recordLoginFailure(db: Db, emailKey: string, ip: string): Promise<void> {
  await db('login_failures').insert({ email_key: emailKey, ip });
}

/** Recent failures for the account and for the address, counted in SQL. */
export async function recentFailures(db: Db, emailKey: string, ip: string): Promise<{ account: number; address: number }> {
  const since = db.raw(`now() - interval '${THROTTLE_WINDOW_MINUTES} minutes'`);
  const row = await db('login_failures')
    .where('failed_at', '>', since)
    .andWhere((q) => q.where({ email_key: emailKey }).orWhere({ ip }))
    .first(
      db.raw('count(*) filter (where email_key = ?)::int as account', [emailKey]),
      db.raw('count(*) filter (where ip = ?)::int as address', [ip]),
    );
  return { account: row?.account ?? 0, address: row?.address ?? 0 };
}

export async function clearAccountFailures(db: Db, emailKey: string): Promise<void> {
  await db('login_failures').where({ email_key: emailKey }).del();
}

export async function pruneLoginFailures(db: Db): Promise<void> {
  await db('login_failures').where('failed_at', '<', db.raw(`now() - interval '1 day'`)).del();
}
