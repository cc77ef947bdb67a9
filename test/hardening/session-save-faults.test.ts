import type { Server } from 'node:http';
import net, { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import { openPostgres, migrateLatest, Database } from '../../src/db';
import { testConfig } from '../helpers/app';
import { startCluster, Cluster } from '../helpers/cluster';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';
import { REAL_POSTGRES, SKIP_REASON, waitForBlockedBackend } from '../helpers/faults';
import { commonsFile, confirm, preview } from '../helpers/officials.factories';
import { csrfFrom, postForm, signIn, Agent, FROM_OUR_PAGE } from '../helpers/session';

/**
 * The session is saved after the request's own transaction: when that save fails (the database
 * restarting), the write has committed and the answer must say so. A failure before the commit
 * still says that nothing was saved; a failed save at the end of a page still delivers the page.
 * On a cluster of the test's own: the triggers below would disturb any other test.
 */
const NOTHING_SAVED = 'Nothing was saved';
const SAVED = 'Your changes were saved.';

/**
 * Sends the requests one after the other on one kept-alive connection, as a browser does: each once
 * the answer before it has fully arrived. The answers (status line and body), or where it stopped.
 */
function exchange(port: number, requests: string[]): Promise<{ answers: { status: string; body: string }[]; error?: string }> {
  return new Promise((resolve) => {
    const answers: { status: string; body: string }[] = [];
    let buffer = Buffer.alloc(0);
    const socket = net.connect(port, '127.0.0.1', () => socket.write(requests[0]));
    const done = (error?: string) => { clearTimeout(timer); socket.destroy(); resolve({ answers, error }); };
    const timer = setTimeout(() => done('no answer within 5 s'), 5000);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString();
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      answers.push({ status: head.split('\r\n')[0], body: buffer.subarray(end + 4, end + 4 + length).toString() });
      buffer = buffer.subarray(end + 4 + length);
      if (answers.length === requests.length) return done();
      // A moment, as a member reads the page and clicks.
      setTimeout(() => socket.write(requests[answers.length]), 50);
    });
    socket.on('error', (err) => done(err.message));
    socket.on('close', () => done('closed by the server'));
  });
}

(REAL_POSTGRES ? describe : describe.skip)('the session save fails after the write', () => {
  jest.setTimeout(30_000);
  let cluster: Cluster;
  let database: Database;
  let checks: Database;
  let app: Express;
  let member: Agent;
  let coordinator: Agent;
  let memberUser: { id: number; email: string };
  let form: Record<string, string>;
  beforeAll(async () => {
    cluster = await startCluster();
    database = openPostgres(cluster.url, 5);
    await migrateLatest(database.knex);
    // The test's own connection: the app's pool holds the connections the faults kill.
    checks = openPostgres(cluster.url, 1);
    app = createApp({ db: database.knex, config: testConfig() });
    const local = await createLocal(database.knex);
    memberUser = await createUser(database.knex, 'member', { local_id: local.id });
    member = await signIn(app, memberUser.email);
    coordinator = await signIn(app, (await createUser(database.knex, 'coordinator')).email);
    const campaign = await createCampaign(database.knex, {}, ['Stable funding']);
    const official = await createOfficial(database.knex);
    form = {
      campaign_id: String(campaign.id), official_id: String(official.id), status: 'held', held_on: '2026-03-10', format: 'phone',
      stance: 'supportive', confirm_duplicate: '1',
    };
  });
  afterEach(async () => {
    await checks.knex.raw('drop trigger if exists fault on sessions; drop trigger if exists fault on meetings; drop function if exists fault()');
  });
  afterAll(async () => {
    await cluster?.stop();
    await database?.close();
    await checks?.close();
  });

  /** A trigger on `table` whose row matches `when`: the backend is terminated (as by a restart), or the write raises. */
  async function fault(table: 'sessions' | 'meetings', when: string, how: 'terminate' | 'raise' = 'terminate') {
    const act = how === 'terminate' ? 'perform pg_terminate_backend(pg_backend_pid()); perform pg_sleep(5);' : `raise exception 'session store unavailable';`;
    await checks.knex.raw(`create function fault() returns trigger language plpgsql as $$
      begin if ${when} then ${act} end if; return new; end $$`);
    await checks.knex.raw(`create trigger fault before insert or update on ?? for each row execute function fault()`, [table]);
  }
  /** A killed connection's end reaches the pool a moment after the error: what the pool then does is tested elsewhere. */
  const settle = () => new Promise((r) => setTimeout(r, 200));
  const meetingsTagged = async (tag: string) => (await checks.knex('meetings').where('notes', tag).select('id')).map((r) => r.id as number);

  describe.each([['terminated', 'terminate'], ['refused', 'raise']] as const)('the session store connection is %s', (_name, how) => {
    test('logging a meeting answers the redirect to it, once, and its page says it was saved', async () => {
      const tag = `session-save-${how}`;
      await fault('sessions', `new.sess::text like '%"flash"%'`, how);
      const res = await postForm(member, '/meetings/new', { ...form, notes: tag });
      expect(res.text).not.toContain(NOTHING_SAVED);
      expect(res.status).toBe(303);
      const ids = await meetingsTagged(tag);
      expect(ids).toHaveLength(1);
      expect(res.headers.location).toBe(`/meetings/${ids[0]}?saved=1`);
      await settle();
      const page = await member.get(res.headers.location);
      expect(page.status).toBe(200);
      expect(page.text).toContain(SAVED);
      expect(page.text).not.toContain(NOTHING_SAVED);
    });
  });

  test('adding a follow-up on a meeting\'s page comes back to the follow-ups, saying it was saved', async () => {
    const [meeting] = await meetingsTagged('session-save-raise');
    await fault('sessions', `new.sess::text like '%"flash"%'`);
    const res = await postForm(member, `/meetings/${meeting}/follow-ups`, { description: 'Call the office back', due_on: '2026-05-01' }, `/meetings/${meeting}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/meetings/${meeting}?saved=1#follow-ups`);
    await settle();
    expect((await member.get(res.headers.location)).text).toContain(SAVED);
  });

  test('a form kept for after signing in again is not lost: the error page, from which going back finds it', async () => {
    // A member whose session expired on the server posts the form from our own page.
    // Another member of the local, so that the other tests' member keeps their session.
    const { local_id } = await database.knex('users').where({ id: memberUser.id }).first('local_id');
    const colleague = await createUser(database.knex, 'member', { local_id });
    const expired = await signIn(app, colleague.email);
    const token = csrfFrom((await expired.get('/meetings/new')).text);
    await database.knex('sessions').whereRaw(`sess::text like ?`, [`%"passport":{"user":${colleague.id}}%`]).delete();
    await fault('sessions', `new.sess::text like '%"pendingForm"%'`);
    const res = await expired.post('/meetings/new').set(FROM_OUR_PAGE).type('form').send({ ...form, _csrf: token, notes: 'kept for later' });
    expect(res.status).toBe(503);
    expect(res.text).toContain(NOTHING_SAVED);
    expect(await meetingsTagged('kept for later')).toHaveLength(0);
    await settle();
  });

  test('a page read while the database is not answering says so, not that nothing was saved', async () => {
    const [meeting] = await meetingsTagged('session-save-raise');
    const blocker = openPostgres(cluster.url, 1);
    const trx = await blocker.knex.transaction();
    try {
      await trx.raw('lock table meetings in access exclusive mode');
      const answer = member.get(`/meetings/${meeting}`).then((r) => r);
      const pid = await waitForBlockedBackend(checks.knex, 'postgres');
      await checks.knex.raw('select pg_terminate_backend(?)', [pid]);
      const res = await answer;
      expect(res.status).toBe(503);
      expect(res.text).toContain('The database is not answering right now.');
      expect(res.text).not.toContain(NOTHING_SAVED);
    } finally {
      await trx.rollback().catch(() => undefined);
      await blocker.close();
      await settle();
    }
  });

  test('applying an import answers the redirect to the batch, applied, and its page says it was saved', async () => {
    const batchId = await preview(coordinator, commonsFile([',Ziad,Aboultaif,Edmonton Manning,Alberta,Conservative,2021-09-20 12:00:00 AM,']));
    await fault('sessions', `new.sess::text like '%"flash"%'`);
    const res = await confirm(coordinator, batchId);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/officials/imports/${batchId}?saved=1`);
    expect((await checks.knex('import_batches').where({ id: batchId }).first()).status).toBe('applied');
    await settle();
    const page = await coordinator.get(res.headers.location);
    expect(page.text).toContain(SAVED);
  });

  test('a failure before the commit still says that nothing was saved, and nothing was', async () => {
    const tag = 'fails-before-commit';
    await fault('meetings', `new.notes = '${tag}'`);
    const res = await postForm(member, '/meetings/new', { ...form, notes: tag });
    expect(res.status).toBe(503);
    expect(res.text).toContain(NOTHING_SAVED);
    expect(await meetingsTagged(tag)).toHaveLength(0);
    await settle();
  });

  test('a failed session save at the end of a page still delivers the page, and the connection serves the next request', async () => {
    const server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    try {
      const cookie = (await member.get('/account')).request.cookies;
      // The session was last touched long ago: this page pushes its expiry back, a save at the end of the response.
      await checks.knex.raw(`update sessions set sess = jsonb_set(sess::jsonb, '{touchedAt}', '0')::json`);
      await fault('sessions', 'true', 'raise');
      // A browser's kept-alive connection: the page, then the next request on the same connection.
      const answer = await exchange((server.address() as AddressInfo).port, [
        `GET /meetings HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\n\r\n`,
        'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      ]);
      expect(answer.error).toBeUndefined();
      expect(answer.answers.map((a) => a.status)).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
      expect(answer.answers[0].body).toMatch(/<\/html>\s*$/);
      expect(answer.answers[1].body).toBe('ok');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

if (!REAL_POSTGRES) test.skip(SKIP_REASON, () => undefined);
