import fs from 'node:fs';
import { openPostgres } from '../../src/db';
import { adminUrl, templateName } from './databases';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (process.env.MPT_TEST_SNAPSHOT) fs.rmSync(process.env.MPT_TEST_SNAPSHOT, { force: true });
    return;
  }
  const admin = openPostgres(adminUrl(url), 1);
  const { rows } = await admin.knex.raw(
    `SELECT datname FROM pg_database WHERE datname LIKE ? OR datname = ?`,
    [`mpt_test_${process.env.MPT_TEST_RUN}_%`, templateName()],
  );
  for (const { datname } of rows) await admin.knex.raw(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.close();
}
