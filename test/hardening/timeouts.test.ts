import net from 'node:net';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../src/app';
import { DEFAULT_DB_TIMEOUTS, type DbTimeouts } from '../../src/config';
import { openPostgres, migrateLatest, Database } from '../../src/db';
import { testConfig } from '../helpers/app';
import { startCluster, Cluster } from '../helpers/cluster';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';
import { holdTableLock, REAL_POSTGRES, SKIP_REASON } from '../helpers/faults';
import { postForm, signIn, Agent } from '../helpers/session';

/**
 * Nothing waits for the database without bound: a lock held elsewhere, a statement that runs on,
 * a pool used up, each ends in the "try again" page within its timeout, and /readyz answers all
 * along. Only on a real PostgreSQL: the embedded one (PGlite) ignores statement_timeout and
 * lock_timeout, since its engine runs on the app's own thread where no timer can interrupt it, and
 * with its one connection there is no other to hold a lock.
 */
const TRY_AGAIN = 'Nothing was saved: the database is not answering right now. Please try again in a moment.';
/** A page read is not told that nothing was saved: it was saving nothing. */
const TRY_AGAIN_READ = 'The database is not answering right now. Please try again in a moment.';

(REAL_POSTGRES ? describe : describe.skip)('database timeouts', () => {
  jest.setTimeout(30_000);
  let cluster: Cluster;
  let setup: Database;
  let member: { id: number; email: string };
  let form: Record<string, string>;
  const open: Database[] = [];
  beforeAll(async () => {
    cluster = await startCluster();
    setup = openPostgres(cluster.url, 1);
    await migrateLatest(setup.knex);
    member = await createUser(setup.knex, 'member', { local_id: (await createLocal(setup.knex)).id });
    const campaign = await createCampaign(setup.knex, {}, ['Stable funding']);
    const official = await createOfficial(setup.knex);
    form = { campaign_id: String(campaign.id), official_id: String(official.id), status: 'held', held_on: '2026-03-10', format: 'phone', stance: 'supportive', confirm_duplicate: '1' };
  });
  afterAll(async () => {
    for (const d of open) await d.close();
    await setup?.close();
    await cluster?.stop();
  });

  /** An app on a pool of `poolMax` with these timeouts, and a member signed in to it. */
  async function appWith(timeouts: Partial<DbTimeouts>, poolMax = 2): Promise<{ app: Express; agent: Agent; database: Database }> {
    const database = openPostgres(cluster.url, poolMax, { ...DEFAULT_DB_TIMEOUTS, ...timeouts });
    open.push(database);
    const app = createApp({ db: database.knex, config: testConfig(), ready: database.ready });
    return { app, agent: await signIn(app, member.email), database };
  }
  const meetings = async () => (await setup.knex('meetings').first(setup.knex.raw('count(*)::int AS n'))).n;

  test('a lock held by another connection: the save answers "try again" after the lock timeout, and saved nothing', async () => {
    const { agent } = await appWith({ lockTimeoutMs: 300 });
    const token = (await agent.get('/meetings/new')).text; // read before the lock: the form's page reads meetings
    const before = await meetings();
    const lock = await holdTableLock(cluster.url, 'meetings');
    try {
      const res = await agent.post('/meetings/new').type('form').send({ _csrf: token.match(/name="_csrf" value="([^"]+)"/)![1], ...form });
      expect(res.status).toBe(503);
      expect(res.text).toContain(TRY_AGAIN);
    } finally {
      await lock.release();
    }
    expect(await meetings()).toBe(before);
    expect((await postForm(agent, '/meetings/new', form)).status).toBe(303); // and once it is gone, the save works
  });

  test('a statement that runs past the statement timeout answers "try again"', async () => {
    const { agent } = await appWith({ statementTimeoutMs: 300, lockTimeoutMs: 20_000 });
    const blocker = openPostgres(cluster.url, 1);
    const trx = await blocker.knex.transaction();
    await trx.raw('LOCK TABLE meetings IN ACCESS EXCLUSIVE MODE'); // the list waits, past its statement timeout
    try {
      const res = await agent.get('/meetings');
      expect(res.status).toBe(503);
      expect(res.text).toContain(TRY_AGAIN_READ);
    } finally {
      await trx.rollback();
      await blocker.close();
    }
  });

  test('no free connection within the acquire timeout answers "try again"; /readyz answers meanwhile', async () => {
    const { app, agent, database } = await appWith({ acquireTimeoutMs: 20_000 }, 1);
    const client = database.knex.client as { acquireConnection(): Promise<unknown>; releaseConnection(c: unknown): Promise<void> };
    const held = await client.acquireConnection(); // the pool's only connection, busy
    const page = agent.get('/meetings').then((r) => r.status);
    try {
      const first = await Promise.race([request(app).get('/readyz').then((r) => `readyz ${r.status} ${r.text}`), page.then((s) => `page ${s}`)]);
      expect(first).toBe('readyz 200 ready');
    } finally {
      await client.releaseConnection(held);
    }
    expect(await page).toBe(200);

    const short = await appWith({ acquireTimeoutMs: 300 }, 1);
    const busy = await (short.database.knex.client as typeof client).acquireConnection();
    try {
      const res = await short.agent.get('/meetings');
      expect(res.status).toBe(503);
      expect(res.text).toContain(TRY_AGAIN_READ);
    } finally {
      await (short.database.knex.client as typeof client).releaseConnection(busy);
    }
  });

  test('/readyz answers 503 when the server takes connections but does not answer', async () => {
    const silent = net.createServer(() => undefined); // accepts, then says nothing (a hung server)
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const database = openPostgres(`postgres://postgres@127.0.0.1:${(silent.address() as net.AddressInfo).port}/postgres`, 1);
    try {
      const res = await request(createApp({ db: database.knex, config: testConfig(), ready: database.ready })).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.text).toBe('database unavailable');
    } finally {
      await database.close();
      silent.close();
    }
  });
});

if (!REAL_POSTGRES) test.skip(SKIP_REASON, () => undefined);
