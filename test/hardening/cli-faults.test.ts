import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPostgres, migrateLatest, Database } from '../../src/db';
import { runScript } from '../helpers/cli';
import { startCluster, Cluster } from '../helpers/cluster';
import { holdTableLock, REAL_POSTGRES, SKIP_REASON, waitForBlockedBackend } from '../helpers/faults';
import { commonsFile } from '../helpers/officials.factories';
import { freePort } from '../e2e/server';

/**
 * The command-line import when the database is not there or goes away in the middle: one plain
 * line on standard error, exit code 1, and no stack trace.
 */
jest.setTimeout(60_000);
const MPS = [',Ziad,Aboultaif,Edmonton Manning,Alberta,Conservative,2021-09-20 12:00:00 AM,'];
let dir: string;
let file: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpt-cli-faults-'));
  file = path.join(dir, 'mps.csv');
  fs.writeFileSync(file, commonsFile(MPS));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function expectOnePlainLine(run: { code: number | null; stderr: string }) {
  expect(run.code).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^The database stopped answering \(.+\)\. Run the command again once it is back\.$/);
}

test('no database server where DATABASE_URL points', async () => {
  const url = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
  expectOnePlainLine(await runScript('src/cli/import-officials.ts', [file, '--yes'], { DATABASE_URL: url, DATA_DIR: dir }));
});

(REAL_POSTGRES ? describe : describe.skip)('on a real PostgreSQL', () => {
  let cluster: Cluster;
  let inspector: Database;
  beforeAll(async () => {
    cluster = await startCluster();
    inspector = openPostgres(cluster.url, 1);
    await migrateLatest(inspector.knex);
  });
  afterAll(async () => {
    await inspector?.close();
    await cluster?.stop();
  });

  test('the connection is killed while the import is being applied: one line, nothing applied', async () => {
    const lock = await holdTableLock(cluster.url, 'audit_events');
    try {
      const run = runScript('src/cli/import-officials.ts', [file, '--yes'], { DATABASE_URL: cluster.url, DATA_DIR: dir });
      const pid = await waitForBlockedBackend(inspector.knex, 'postgres');
      await inspector.knex.raw('SELECT pg_terminate_backend(?)', [pid]);
      expectOnePlainLine(await run);
    } finally {
      await lock.release();
    }
    expect(await inspector.knex('import_batches').whereNot({ status: 'previewed' }).count('* as n')).toEqual([{ n: '0' }]);
  });
});

if (!REAL_POSTGRES) test.skip(SKIP_REASON, () => undefined);
