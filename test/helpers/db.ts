import fs from 'node:fs';
import crypto from 'node:crypto';
import { openEmbedded, openPostgres, Database } from '../../src/db';
import type { DbTimeouts } from '../../src/config';

/**
 * The tests' own database timeouts: long, because a test's burst of requests on a busy two-core
 * runner may wait seconds for a connection, and no test is about these (the timeout tests set theirs).
 */
const TEST_DB_TIMEOUTS: DbTimeouts = { statementTimeoutMs: 60_000, lockTimeoutMs: 30_000, connectTimeoutMs: 30_000, acquireTimeoutMs: 60_000 };
import { adminUrl, templateName } from './databases';

/**
 * A clean, migrated database of this test file's own: a copy of the run's template database on a
 * real PostgreSQL (TEST_DATABASE_URL), else an in-memory PGlite loaded from the migrated snapshot.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const snapshot = fs.readFileSync(process.env.MPT_TEST_SNAPSHOT!);
    return openEmbedded({ loadDataDir: new Blob([snapshot]) });
  }
  const copy = await copyOfTemplate(url);
  const db = openPostgres(copy.url, 5, TEST_DB_TIMEOUTS);
  return {
    ...db,
    async close() {
      await db.close();
      await copy.drop();
    },
  };
}

/** A fresh copy of this run's migrated template database on the server at `url`: its URL, and how to drop it. */
export async function copyOfTemplate(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `mpt_test_${process.env.MPT_TEST_RUN}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = openPostgres(adminUrl(url), 1);
  await admin.knex.raw(`CREATE DATABASE "${name}" TEMPLATE "${templateName()}"`);
  await admin.close();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      const again = openPostgres(adminUrl(url), 1);
      await again.knex.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await again.close();
    },
  };
}
