import type { Express } from 'express';
import { createApp } from '../../src/app';
import { openPostgres, migrateLatest, Database } from '../../src/db';
import { testConfig } from '../helpers/app';
import { startCluster, Cluster } from '../helpers/cluster';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';
import { holdTableLock, REAL_POSTGRES, SKIP_REASON, waitForBlockedBackend } from '../helpers/faults';
import { commonsFile, confirm, preview } from '../helpers/officials.factories';
import { postForm, signIn, Agent } from '../helpers/session';

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
  let member: Agent;
  let memberUser: { id: number; email: string };
  let campaign: { id: number; asks: { id: number }[] };
  let official: { id: number };
  beforeAll(async () => {
    cluster = await startCluster();
    database = openPostgres(cluster.url, 5);
    await migrateLatest(database.knex);
    app = createApp({ db: database.knex, config: testConfig() });
    agent = await signIn(app, (await createUser(database.knex, 'coordinator')).email);
    const local = await createLocal(database.knex);
    memberUser = await createUser(database.knex, 'member', { local_id: local.id });
    member = await signIn(app, memberUser.email);
    campaign = await createCampaign(database.knex, {}, ['Stable funding']);
    official = await createOfficial(database.knex);
  });
  afterAll(async () => {
    await cluster?.stop();
    await database?.close();
  });

  const officials = async () => (await database.knex('officials').first(database.knex.raw('count(*)::int as n'))).n;
  const batchStatus = async (id: number) => (await database.knex('import_batches').where({ id }).first()).status;
  const rowCounts = async (tables: string[]) => Promise.all(tables.map(async (table) => (await database.knex(table).first(database.knex.raw('count(*)::int as n'))).n));

  /**
   * Starts `save`, stops it after its first writes (the audit table, written last, is locked), then
   * `fault`: the user is told nothing was saved and `state` is as before.
   */
  async function saveInterruptedBy(fault: (pid: number) => Promise<void>, save: () => Promise<{ status: number; text: string }>, state: () => Promise<unknown>) {
    const before = await state();
    const lock = await holdTableLock(cluster.url, 'audit_events');
    let res: { status: number; text: string };
    try {
      const answer = save();
      const early = answer.then((r) => { throw new Error(`answered ${r.status} before reaching the audit: ${[...r.text.matchAll(/id="([\w-]+-error)"[^>]*>([^<]*)/g)].map((m) => m[1] + ": " + m[2]).join("; ")}`); });
      const pid = await Promise.race([waitForBlockedBackend(database.knex, 'postgres'), early]);
      await fault(pid);
      res = await answer;
    } finally {
      await lock.release();
    }
    expect(res.status).toBe(503);
    expect(res.text).toContain(UNAVAILABLE);
    expect(await state()).toEqual(before);
  }

  const kill = async (pid: number) => { await database.knex.raw('select pg_terminate_backend(?)', [pid]); };
  const restart = () => cluster.restart();

  describe.each([['the connection is killed (pg_terminate_backend)', kill], ['the database server restarts', restart]] as const)('%s', (_name, fault) => {
    test('in the middle of applying an import', async () => {
      const batchId = await preview(agent, commonsFile(MPS));
      await saveInterruptedBy(fault, () => confirm(agent, batchId), async () => [await officials(), await batchStatus(batchId)]);
      // The same app, not restarted, serves the next requests, and the import can simply be tried again.
      expect((await agent.get(`/officials/imports/${batchId}`)).status).toBe(200);
      expect((await confirm(agent, batchId)).status).toBe(303);
      expect(await batchStatus(batchId)).toBe('applied');
      await database.knex('officials').where('source', 'like', 'import:%').del(); // the next case imports the same MPs again
    });

    test('in the middle of logging a meeting with a follow-up', async () => {
      const tables = ['meetings', 'follow_ups', 'meeting_asks', 'meeting_attendees'];
      const form = {
        campaign_id: String(campaign.id), official_id: String(official.id), status: 'held', held_on: '2026-03-10', format: 'phone',
        stance: 'supportive', ask_ids: String(campaign.asks[0].id), attendee_ids: String(memberUser.id), confirm_duplicate: '1',
        'follow_ups[0][description]': 'Send the brief', 'follow_ups[0][due_on]': '2026-04-01', 'follow_ups[0][assignee_id]': String(memberUser.id),
      };
      await saveInterruptedBy(fault, () => postForm(member, '/meetings/new', form), () => rowCounts(tables));
      expect((await member.get('/meetings')).status).toBe(200);
      const again = await postForm(member, '/meetings/new', form);
      expect(again.status).toBe(303);
      const id = Number(again.headers.location.split('/').pop());
      expect(await database.knex('follow_ups').where({ meeting_id: id }).first()).toBeDefined();
    });
  });
});

if (!REAL_POSTGRES) test.skip(SKIP_REASON, () => undefined);
