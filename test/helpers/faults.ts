import type { Knex } from 'knex';
import { openPostgres, Database } from '../../src/db';

/** Whether the fault tests can run; they need a real PostgreSQL server. */
export const REAL_POSTGRES = !!process.env.TEST_DATABASE_URL;
export const SKIP_REASON = 'skipped: fault tests need a real PostgreSQL (set TEST_DATABASE_URL)';

/**
 * Holds a table lock from a connection of the test's own, so that a request writing to that table
 * stops in the middle of its transaction, after its earlier writes, until released.
 */
export async function holdTableLock(url: string, table: string): Promise<{ release(): Promise<void> }> {
  const blocker: Database = openPostgres(url, 1);
  const trx = await blocker.knex.transaction();
  await trx.raw(`LOCK TABLE ?? IN EXCLUSIVE MODE`, [table]);
  return {
    async release() {
      await trx.rollback().catch(() => undefined); // the connection may have been killed with the rest
      await blocker.close();
    },
  };
}

/** Waits until a backend of database `name` is waiting on a lock (of `kind`: relation, advisory), and returns its pid. */
export async function waitForBlockedBackend(db: Knex, name: string, kind = 'relation', timeoutMs = 10_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.raw(
      `select pid from pg_stat_activity where datname = ? and wait_event_type = 'Lock' and wait_event = ? and pid <> pg_backend_pid()`, [name, kind]);
    if (rows.length) return rows[0].pid as number;
    if (Date.now() > until) throw new Error(`No backend of ${name} waited on a ${kind} lock`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The connections open on database `name`, other than the asker's own. */
export async function backendsOn(db: Knex, name: string): Promise<number> {
  const { rows } = await db.raw(`select count(*)::int as n from pg_stat_activity where datname = ? and pid <> pg_backend_pid()`, [name]);
  return rows[0].n;
}
