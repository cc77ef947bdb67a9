import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createOfficial, createUser, PASSWORD } from '../helpers/factories';
import { postForm } from '../helpers/session';
import { neutralise, streamCsv } from '../../src/reports/reports.csv';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

/** A sink that keeps what it is given. */
function collector() {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(chunk, _e, done) { chunks.push(Buffer.from(chunk)); done(); } });
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

const header = { header: ['n'], toRecord: (row: unknown[]) => row };

describe('neutralise', () => {
  test.each(['=1+1', '+33', '-5% funding', '@SUM(A1)', '\tx', '\rx', '\nx', '\0x', '＝1', '＋1', '－1', '＠x'])('%j is prefixed with a quote', (value) => {
    expect(neutralise(value)).toBe(`'${value}`);
  });
  test.each(['Côté', 'Parry Sound—Muskoka', '5-year plan', 'a=b', ' =x', ''])('%j is left alone', (value) => {
    expect(neutralise(value)).toBe(value);
  });
});

describe('streamCsv', () => {
  test('sends rows before the cursor is done, and releases the connection when the query fails midway', async () => {
    const { out, text } = collector();
    const failing = t.db.raw('SELECT 1 / (9000 - g) AS n FROM generate_series(1, 10000) AS g').toSQL();
    await expect(streamCsv(t.db, failing, out, header)).rejects.toThrow(/division by zero/);
    // Several batches had already gone out when row 9000 failed.
    expect(text().split('\r\n').length).toBeGreaterThan(2000);
    expect(await t.db.raw('SELECT 1 AS ok')).toMatchObject({ rows: [{ ok: 1 }] });
  });

  test('writes the header alone for no rows, and releases the connection', async () => {
    const { out, text } = collector();
    await streamCsv(t.db, t.db.raw('SELECT 1 WHERE false').toSQL(), out, header);
    expect(text()).toBe('\ufeffn\r\n');
    expect(await t.db.raw('SELECT 1 AS ok')).toMatchObject({ rows: [{ ok: 1 }] });
  });
});

test('a download the user abandons gives the connection back (the embedded database has only one)', async () => {
  const official = await createOfficial(t.db);
  await t.db.raw(`INSERT INTO meetings (official_id, status, held_on, notes)
    SELECT ?, 'held', date '2026-01-01' + (g % 300), repeat('a long note ', 20) FROM generate_series(1, 30000) AS g`, [official.id]);
  const coordinator = await createUser(t.db, 'coordinator');
  const agent = request.agent(t.app);
  const login = await postForm(agent, '/login', { email: coordinator.email, password: PASSWORD });
  const cookie = String(login.headers['set-cookie']).split(';')[0];

  const server = t.app.listen(0);
  const { port } = server.address() as AddressInfo;
  const first = await new Promise<{ status?: number; chunk: Buffer }>((resolve, reject) => {
    const req = http.get({ port, path: '/reports/meetings.csv?notes=1', headers: { cookie } }, (res) => {
      res.once('data', (chunk: Buffer) => {
        resolve({ status: res.statusCode, chunk });
        req.destroy();
      });
    });
    req.on('error', (err) => (err.message.includes('aborted') || (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
  });
  expect(first.status).toBe(200);
  expect(first.chunk.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

  // Would wait for a connection forever (and time the test out) had the abandoned cursor kept it.
  const next = await agent.get('/reports/coverage.csv').expect(200);
  expect(next.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(await t.db('meetings').count('* as n').first()).toEqual({ n: '30000' });
  await new Promise((resolve) => server.close(resolve));
});
