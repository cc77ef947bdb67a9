import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app';
import { startTestApp, TestApp } from '../helpers/app';
import { openTestDatabase } from '../helpers/db';
import { createUser } from '../helpers/factories';
import { signIn, Agent } from '../helpers/session';

let t: TestApp;
let agent: Agent;
const logLines: string[] = [];
beforeAll(async () => {
  t = await startTestApp();
  const logger = pino({ level: 'info' }, new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } }));
  t.app = createApp({ db: t.db, config: t.config, logger });
  agent = await signIn(t.app, (await createUser(t.db, 'admin')).email);
});
afterAll(async () => { await t.close(); });

describe('health checks', () => {
  test('/healthz says the process is up and /readyz that the database answers, without signing in', async () => {
    expect((await request(t.app).get('/healthz').expect(200)).text).toBe('ok');
    expect((await request(t.app).get('/readyz').expect(200)).text).toBe('ready');
  });

  test('/readyz answers 503 when the database is gone', async () => {
    const database = await openTestDatabase();
    const app = createApp({ db: database.knex, config: t.config });
    await database.close();
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect((await request(app).get('/healthz')).status).toBe(200);
  });
});

describe('error pages', () => {
  test('an unknown page is a 404 page in the layout', async () => {
    const res = await agent.get('/no/such/page').expect(404);
    expect(res.text).toContain('We could not find that page.');
    expect(res.text).toContain('<html lang="en">');
  });

  test('a failure is a 500 page with an error id and no details; the log has the details under that id', async () => {
    await t.db.schema.renameTable('locals', 'locals_away'); // the locals page's query now fails
    try {
      const res = await agent.get('/admin/locals').expect(500);
      const errorId = res.text.match(/<code>([0-9a-f-]{36})<\/code>/)?.[1];
      expect(errorId).toBeDefined();
      expect(res.text).toContain('An unexpected error happened on our side.');
      expect(res.text).not.toMatch(/locals_away|relation|at .*\.ts:\d+|node_modules/);
      expect(res.headers['cache-control']).toBe('no-store');
      const entry = logLines.map((l) => JSON.parse(l)).find((l) => l.errorId === errorId);
      expect(entry).toMatchObject({ status: 500, url: '/admin/locals', err: { stack: expect.stringContaining('relation "locals"') } });
    } finally {
      await t.db.schema.renameTable('locals_away', 'locals');
    }
  });

  test('a body too large is refused with 413 and a plain page', async () => {
    const res = await request(t.app).post('/login').type('form').send(`email=${'a'.repeat(300_000)}`);
    expect(res.status).toBe(413);
    expect(res.text).toContain('What you sent is too large.');
  });
});
