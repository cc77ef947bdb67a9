import type http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createOfficial, createUser, PASSWORD } from '../helpers/factories';
import { postForm } from '../helpers/session';
import { ExportSlots } from '../../src/reports/export-slots';

/**
 * Clients that open an export and never read it. Each holds a pooled connection while its cursor
 * waits, so exports are limited per user and per instance (one at a time on the embedded
 * database), and one whose client has not read for the stall timeout is cut off.
 */
// Long enough for the refusals below to be checked while the first exports still wait, on a busy machine.
const STALL_MS = 10_000;
let t: TestApp;
let server: http.Server;
let port: number;
const cookies: Record<string, string> = {};
const sockets: net.Socket[] = [];

async function cookieOf(email: string): Promise<string> {
  const login = await postForm(request.agent(t.app), '/login', { email, password: PASSWORD });
  return String(login.headers['set-cookie']).split(';')[0];
}

beforeAll(async () => {
  t = await startTestApp({ exportStallTimeoutMs: STALL_MS });
  const official = await createOfficial(t.db);
  // About 12 MB of CSV: more than the loopback socket buffers hold for a client that does not read.
  await t.db.raw(`INSERT INTO meetings (official_id, status, held_on, notes)
    SELECT ?, 'held', date '2026-01-01' + (g % 300), repeat('notes ', 350) FROM generate_series(1, 5000) AS g`, [official.id]);
  for (const who of ['first', 'second', 'third']) cookies[who] = await cookieOf((await createUser(t.db, 'coordinator')).email);
  cookies.member = await cookieOf((await createUser(t.db, 'member')).email);
  server = t.app.listen(0);
  port = (server.address() as AddressInfo).port;
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

/** Sends the request on a raw socket, reads the first chunk (to learn the status), then never reads again. */
function stalledExport(cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`GET /reports/meetings.csv?notes=1 HTTP/1.1\r\nHost: localhost\r\nCookie: ${cookie}\r\n\r\n`);
    });
    sockets.push(socket);
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      resolve(Number(chunk.toString('latin1').split(' ')[1]));
    });
    socket.on('error', () => undefined);
    socket.once('close', () => resolve(0));
    setTimeout(() => reject(new Error('no answer')), 60_000).unref();
  });
}

const get = (path: string, cookie?: string, lang = 'en') => {
  const req = request(server).get(path).set('Accept-Language', lang);
  return cookie ? req.set('Cookie', cookie) : req;
};

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 200));
}

test('exports beyond the limits are refused with a plain page; stalled ones are cut off and their connections come back', async () => {
  const slots = ExportSlots.for(t.db, t.config);
  if (t.database.kind === 'embedded') expect(slots.maxConcurrent).toBe(1);
  const mine = Math.min(slots.maxPerUser, slots.maxConcurrent);

  for (let i = 0; i < mine; i++) expect(await stalledExport(cookies.first)).toBe(200);
  // The same user's next export: their own limit (429), or on the embedded database the only slot (503).
  const again = await get('/reports/meetings.csv?notes=1', cookies.first);
  expect(again.status).toBe(slots.maxPerUser <= slots.maxConcurrent ? 429 : 503);
  expect(again.headers['retry-after']).toBe('10');
  expect(again.headers['content-type']).toMatch(/^text\/html/);
  expect(again.text).toContain('Try again in 10 seconds.');
  if (again.status === 429) expect(again.text).toContain(`You already have ${slots.maxPerUser} downloads in progress`);

  for (let i = mine; i < slots.maxConcurrent; i++) expect(await stalledExport(cookies.second)).toBe(200);
  const busy = await get('/reports/coverage.csv', cookies.third);
  expect(busy.status).toBe(503);
  expect(busy.headers['retry-after']).toBe('10');
  expect(busy.text).toContain('Another download is being prepared right now');
  const fr = await get('/reports/coverage.csv', cookies.third, 'fr');
  expect(fr.status).toBe(503);
  expect(fr.text).toContain('Un autre téléchargement est en préparation');
  expect(fr.text).toContain('Réessayez dans 10 secondes.');

  // On PostgreSQL connections are left for the pages while the exports wait for their readers.
  if (t.database.kind === 'postgres') {
    await get('/readyz').expect(200);
    await get('/meetings', cookies.member).expect(200);
  }

  // After the stall timeout (on the embedded database these wait for it) everything answers again.
  // /readyz reports the last check it could finish; the next one, once the connection is back, says ready.
  await until(async () => (await get('/readyz')).status === 200);
  await get('/meetings', cookies.member).expect(200);
  const pool = (t.db.client as { pool: { numUsed(): number } }).pool;
  await until(() => Promise.resolve(pool.numUsed() === 0));
  await until(async () => (await get('/reports/coverage.csv', cookies.third)).status === 200);
  const full = await get('/reports/meetings.csv', cookies.first).expect(200);
  expect(full.text.split('\r\n').length).toBeGreaterThan(5000);
}, 120_000);
