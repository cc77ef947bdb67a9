import type { Express } from 'express';
import type { Knex } from 'knex';
import { createApp } from '../../src/app';
import { openPostgres, migrateLatest, Database } from '../../src/db';
import { testConfig } from '../helpers/app';
import { startCluster, Cluster } from '../helpers/cluster';
import { createUser } from '../helpers/factories';
import { REAL_POSTGRES, SKIP_REASON } from '../helpers/faults';
import { signIn, Agent } from '../helpers/session';

/**
 * A backend terminated in the middle of a query (pg_terminate_backend, as an administrator or a
 * failover does): the requests on that connection fail, and no other. PostgreSQL answers the query
 * before it closes the socket, so the connection used to go back to the pool and be handed to a
 * request waiting for one, which then failed "Connection terminated unexpectedly".
 */
(REAL_POSTGRES ? describe : describe.skip)('a connection killed in the middle of a query', () => {
  jest.setTimeout(30_000);
  let cluster: Cluster;
  let database: Database;
  let app: Express;
  let agent: Agent;
  beforeAll(async () => {
    cluster = await startCluster();
    database = openPostgres(cluster.url, 2);
    await migrateLatest(database.knex);
    app = createApp({ db: database.knex, config: testConfig() });
    agent = await signIn(app, (await createUser(database.knex, 'coordinator')).email);
  });
  afterAll(async () => {
    await database?.close();
    await cluster?.stop();
  });

  test('is destroyed, not handed out again: only its own requests fail, the next 50 pages are served', async () => {
    const blocker = openPostgres(cluster.url, 2); // one holds the lock, one looks
    const trx = await blocker.knex.transaction();
    await trx.raw('LOCK TABLE meetings IN ACCESS EXCLUSIVE MODE');
    try {
      // More page views than connections: while two wait on the lock, the others wait for a connection.
      const pages = Array.from({ length: 8 }, () => agent.get('/meetings').then((r) => r.status, (err) => String(err)));
      const pids = await blockedBackends(blocker.knex, 2);
      await blocker.knex.raw('SELECT pg_terminate_backend(pid) FROM unnest(?::int[]) AS pid', [pids]);
      await trx.rollback();
      const statuses = await Promise.all(pages);
      expect(statuses.filter((s) => s !== 200)).toEqual([503, 503]);
    } finally {
      await trx.rollback().catch(() => undefined);
      await blocker.close();
    }
    const after: number[] = [];
    for (let i = 0; i < 50; i++) after.push((await agent.get('/meetings')).status);
    expect(after.filter((s) => s !== 200)).toEqual([]);
  });
});

/** The pids of the `count` backends waiting on a lock, once there are that many. */
async function blockedBackends(db: Knex, count: number): Promise<number[]> {
  const until = Date.now() + 10_000;
  for (;;) {
    const { rows } = await db.raw(`SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()`);
    if (rows.length >= count) return rows.map((r: { pid: number }) => r.pid);
    if (Date.now() > until) throw new Error(`Only ${rows.length} backends waited on a lock`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

if (!REAL_POSTGRES) test.skip(SKIP_REASON, () => undefined);
