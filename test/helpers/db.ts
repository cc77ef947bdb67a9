import fs from 'node:fs';
import crypto from 'node:crypto';
import { openEmbedded, openPostgres, Database } from '../../src/db';
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
  const db = openPostgres(copy.url, 5);
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
