import type { Server } from 'node:http';
import request from 'supertest';
import { createApp } from '../../src/app';
import { openPostgres, migrateLatest, Database } from '../../src/db';
import { testConfig } from '../helpers/app';
import { startCluster, Cluster } from '../helpers/cluster';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';
import { meetingBy } from '../helpers/meetings.factories';
import { holdTableLock, REAL_POSTGRES, SKIP_REASON, waitForBlockedBackend } from '../helpers/faults';
import { commonsFile, confirm, preview } from '../helpers/officials.factories';
import { postForm, signIn } from '../helpers/session';

/**
 * Two instances of the app, each with its own connection pool and port, on one database (as behind
 * a load balancer): sessions, the import lock and the meetings' optimistic locking hold across them.
 * (In one test process: each instance has its own pool, passport and port, as two processes would.)
 */
interface Instance { database: Database; server: Server; url: string }

(REAL_POSTGRES ? describe : describe.skip)('two instances on one database', () => {
  jest.setTimeout(30_000);
  let cluster: Cluster;
  let a: Instance;
  let b: Instance;
  let coordinator: { email: string };
  let member: { email: string };
  let meeting: { id: number };
  let meetingFields: Record<string, string>;

  async function instance(): Promise<Instance> {
    const database = openPostgres(cluster.url, 5);
    const app = createApp({ db: database.knex, config: testConfig() });
    const server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    const { port } = server.address() as { port: number };
    return { database, server, url: `http://127.0.0.1:${port}` };
  }
  beforeAll(async () => {
    cluster = await startCluster();
    const setup = openPostgres(cluster.url, 1);
    await migrateLatest(setup.knex);
    coordinator = await createUser(setup.knex, 'coordinator');
    const local = await createLocal(setup.knex);
    const memberUser = await createUser(setup.knex, 'member', { local_id: local.id });
    member = memberUser;
    const official = await createOfficial(setup.knex);
    const campaign = await createCampaign(setup.knex);
    meetingFields = { campaign_id: String(campaign.id), official_id: String(official.id), status: 'held', held_on: '2026-03-10', format: 'phone', version: '1' };
    meeting = await meetingBy(setup.knex, memberUser, { official_id: official.id, campaign_id: campaign.id, status: 'held', held_on: '2026-03-10', format: 'phone' });
    await setup.close();
    [a, b] = [await instance(), await instance()];
  });
  afterAll(async () => {
    await cluster?.stop();
    for (const i of [a, b]) {
      if (!i) continue;
      i.server.closeAllConnections();
      await new Promise((r) => i.server.close(r));
      await i.database.close();
    }
  });

  const signInOn = (i: Instance, who = coordinator) => signIn(i.url as never, who.email);

  test('a session started on one instance is valid on the other, and signing out on the other ends it', async () => {
    const onA = await signInOn(a);
    const cookie = (await onA.get('/account')).request.cookies;
    const res = await request(b.url).get('/account').set('Cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.text).toContain(coordinator.email);
    const onB = request.agent(b.url);
    onB.jar.setCookies(cookie.split('; '), '127.0.0.1', '/');
    const page = await onB.get('/account');
    await onB.post('/logout').type('form').send({ _csrf: page.text.match(/name="_csrf" value="([^"]+)"/)![1] });
    expect((await onA.get('/account')).status).toBe(303);
  });

  test('an import applying on one instance makes a concurrent import on the other wait, then see it', async () => {
    const [onA, onB] = [await signInOn(a), await signInOn(b)];
    const first = await preview(onA, commonsFile([',Ziad,Aboultaif,Edmonton Manning,Alberta,Conservative,2021-09-20 12:00:00 AM,']));
    const second = await preview(onB, commonsFile([',Scott,Aitchison,Parry Sound—Muskoka,Ontario,Conservative,2021-09-20 12:00:00 AM,']));
    const lock = await holdTableLock(cluster.url, 'audit_events'); // keeps the first import inside its transaction
    const answerA = confirm(onA, first);
    await waitForBlockedBackend(a.database.knex, 'postgres', 'relation');
    const answerB = confirm(onB, second);
    await waitForBlockedBackend(b.database.knex, 'postgres', 'advisory'); // the second waits for the first
    expect(await statusOf(second)).toBe('previewed');
    await lock.release();
    expect((await answerA).status).toBe(303);
    expect((await answerB).status).toBe(303);
    // The second was computed before the first changed the directory: it is refused as stale, not half-applied.
    expect([await statusOf(first), await statusOf(second)]).toEqual(['applied', 'superseded']);
    expect((await onB.get(`/officials/imports/${second}`)).text).toContain('changed since');
  });

  test('two people saving the same meeting through the two instances at once: one is saved, the other gets the conflict', async () => {
    const [onA, onB] = [await signInOn(a, member), await signInOn(b)];
    const url = `/meetings/${meeting.id}/edit`;
    const lock = await holdTableLock(cluster.url, 'audit_events'); // the first save waits inside its transaction
    const first = postForm(onA, url, { ...meetingFields, stance: 'champion', notes: 'Saved on A' });
    await waitForBlockedBackend(a.database.knex, 'postgres', 'relation');
    const second = postForm(onB, url, { ...meetingFields, stance: 'opposed', notes: 'Saved on B' });
    await waitForBlockedBackend(b.database.knex, 'postgres', 'transactionid'); // B's save waits on A's row
    await lock.release();
    const [onAnswer, otherAnswer] = [await first, await second];
    expect(onAnswer.status).toBe(303);
    expect(otherAnswer.status).toBe(409);
    expect(otherAnswer.text).toContain('Someone else saved this meeting first.');
    const saved = await a.database.knex('meetings').where({ id: meeting.id }).first();
    expect({ stance: saved.stance, notes: saved.notes, version: saved.version }).toEqual({ stance: 'champion', notes: 'Saved on A', version: 2 });
  });

  const statusOf = async (id: number) => (await a.database.knex('import_batches').where({ id }).first()).status;
});

if (!REAL_POSTGRES) test.skip(SKIP_REASON, () => undefined);
