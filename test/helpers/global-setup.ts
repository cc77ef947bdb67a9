import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEmbedded, openPostgres, migrateLatest } from '../../src/db';
import { templateName, adminUrl } from './databases';

/**
 * Migrates once for the whole run: into a template database on a real PostgreSQL, or into an
 * in-memory PGlite whose files are saved as a snapshot that every test file loads.
 */
export default async function globalSetup(): Promise<void> {
  process.env.MPT_TEST_RUN = `${process.pid}`;
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = openPostgres(adminUrl(url), 1);
    const template = templateName();
    await admin.knex.raw(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.knex.raw(`CREATE DATABASE "${template}"`);
    await admin.close();
    const target = new URL(url);
    target.pathname = `/${template}`;
    const db = openPostgres(target.toString(), 1);
    await migrateLatest(db.knex);
    await db.close();
    return;
  }
  const db = await openEmbedded();
  await migrateLatest(db.knex);
  const snapshotFile = path.join(os.tmpdir(), `mpt-test-snapshot-${process.pid}.tar.gz`);
  const dump = await db.dumpDataDir!();
  fs.writeFileSync(snapshotFile, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  process.env.MPT_TEST_SNAPSHOT = snapshotFile;
}
