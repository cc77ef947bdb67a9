import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { testConfig } from '../helpers/app';
import { openTestDatabase } from '../helpers/db';
import type { Database } from '../../src/db';

jest.setTimeout(60_000);
let database: Database;
beforeAll(async () => { database = await openTestDatabase(); });
afterAll(async () => { await database.close(); });

/**
 * /readyz answers within about a second even when every connection of the pool is busy (an import
 * on the embedded database's only one; blocked requests on a real server's): a load balancer must
 * be able to tell, rather than wait with the requests.
 */
test('/readyz answers while every connection of the pool is busy', async () => {
  const client = database.knex.client as { acquireConnection(): Promise<unknown>; releaseConnection(c: unknown): Promise<void>; pool: { max: number } };
  const app = createApp({ db: database.knex, config: testConfig(), ready: database.ready });
  expect((await request(app).get('/readyz')).text).toBe('ready'); // the state the embedded database falls back on
  await new Promise((r) => setTimeout(r, 1100)); // past the time a result is reused
  const held = await Promise.all(Array.from({ length: client.pool.max }, () => client.acquireConnection()));
  try {
    const res = await request(app).get('/readyz');
    // A real server is asked on a connection of its own; the embedded database's last known state is given.
    expect(res.status).toBe(200);
    expect(res.text).toBe('ready');
  } finally {
    for (const c of held) await client.releaseConnection(c);
  }
});

test('/readyz answers 503 while the process is shutting down, the database notwithstanding', async () => {
  const res = await request(createApp({ db: database.knex, config: testConfig(), ready: database.ready, stopping: () => true })).get('/readyz');
  expect(res.status).toBe(503);
  expect(res.text).toBe('shutting down');
});

test('the statement timeout must be shorter than the shutdown timeout, whose deadline cancels statements', () => {
  expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: '20000', SHUTDOWN_TIMEOUT_MS: '20000' })).toThrow(
    'DB_STATEMENT_TIMEOUT_MS (20000) must be less than SHUTDOWN_TIMEOUT_MS (20000).');
  expect(loadConfig({ DB_STATEMENT_TIMEOUT_MS: '2000', SHUTDOWN_TIMEOUT_MS: '3000', SESSION_SECRET: 'a-secret-that-is-long-enough-0123456789' }).db.statementTimeoutMs).toBe(2000);
});
