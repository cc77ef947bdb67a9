import type { Express } from 'express';
import { createApp } from '../../src/app';
import { openPostgres, migrateLatest, Database } from '../../src/db';
import { testConfig } from '../helpers/app';
import { startCluster, Cluster } from '../helpers/cluster';
import { createUser } from '../helpers/factories';
import { holdTableLock, REAL_POSTGRES, SKIP_REASON, waitForBlockedBackend } from '../helpers/faults';
import { commonsFile, confirm, preview } from '../helpers/officials.factories';
import { signIn, Agent } from '../helpers/session';

/**
 * The database connection is killed, or the database server restarts, while a request is in the
 * middle of its transaction: the user is told that nothing was saved (503), nothing half-written
 * remains, and the next request is served without restarting the app. On a cluster of the test's
 * own, so that restarting it disturbs no other test.
 */
const UNAVAILABLE = 'Nothing was saved: the database is not answering right now. Please try again in a moment.';
const MPS = [
  ',Ziad,Aboultaif,Edmonton Manning,Alberta,Conservative,2021-09-20 12:00:00 AM,',
  ',Scott,Aitchison,Parry Sound—Muskoka,Ontario,Conservative,2021-09-20 12:00:00 AM,',
];

(REAL_POSTGRES ? describe : describe.skip)('faults in the middle of a save', () => {
  jest.setTimeout(30_000);
  let cluster: Cluster;
  let database: Database;
  let app: Express;
  let agent: Agent;
  beforeAll(async () => {
    cluster = await startCluster();
    database = openPostgres(cluster.url, 5);
    await migrateLatest(database.knex);
    app = createApp({ db: database.knex, config: testConfig() });
    agent = await signIn(app, (await createUser(database.knex, 'coordinator')).email);
  });
  afterAll(async () => {
    await database?.close();
    await cluster?.stop();
  });

  const officials = async () => (await database.knex('officials').first(database.knex.raw('count(*)::int as n'))).n;
  const batchStatus = async (id: number) => (await database.knex('import_batches').where({ id }).first()).status;

  /** An import stopped after its first writes (the audit table is locked), then `fault`; then the checks. */
  async function importInterruptedBy(fault: (pid: number) => Promise<void>) {
    const batchId = await preview(agent, commonsFile(MPS));
    const before = await officials();
    const lock = await holdTableLock(cluster.url, 'audit_events');
    const answer = confirm(agent, batchId);
    const pid = await waitForBlockedBackend(database.knex, 'postgres');
    await fault(pid);
    const res = await answer;
    await lock.release();

    expect(res.status).toBe(503);
    expect(res.text).toContain(UNAVAILABLE);
    expect(await officials()).toBe(before);
    expect(await batchStatus(batchId)).toBe('previewed');

    // The same app, not restarted, serves the next requests, and the import can simply be tried again.
    expect((await agent.get(`/officials/imports/${batchId}`)).status).toBe(200);
    expect((await confirm(agent, batchId)).status).toBe(303);
    expect(await batchStatus(batchId)).toBe('applied');
    await database.knex('officials').del(); // the next case starts from an empty directory again
  }

  test('the import\'s connection is killed (pg_terminate_backend)', async () => {
    await importInterruptedBy(async (pid) => { await database.knex.raw('select pg_terminate_backend(?)', [pid]); });
  });

  test('the database server restarts', async () => {
    await importInterruptedBy(() => cluster.restart());
  });
});

if (!REAL_POSTGRES) test.skip(SKIP_REASON, () => undefined);
