/**
 * npm run bench:export — how fast meetings.csv streams 200,000 meetings, and how much memory the
 * server needs to do it, next to PostgreSQL's own COPY of the same query (the practical limit).
 *
 * Uses a real PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres): creates
 * a database of its own, fills it with bulk SQL, starts the app in a child process (so that its memory
 * is its own), downloads the export over HTTP, then drops the database. Prints figures; asserts nothing.
 */
import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { openPostgres, migrateLatest } from '../../src/db';
import { hashPassword } from '../../src/auth/passwords';
import { meetingsQuery } from '../../src/reports/reports.repo';
import { fillDatabase, MEETINGS } from './export.fill';

const ROOT = path.join(__dirname, '..', '..');
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = `mpt_bench_export_${process.pid}`;
const EMAIL = 'bench-coordinator@example.org';
const PASSWORD = 'a benchmark passphrase';
const RUNS = 3;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    }).on('error', reject);
  });
}

/** The app as it runs in production, in a process of its own; resolves once it listens. */
async function startServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'info', SESSION_SECRET: 'bench-secret-that-is-long-enough-0123456789' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('listening on')) resolve(); });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
  return child;
}

/** Resident memory of a process in bytes, from /proc (Linux). */
function rss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** A browser-like session: cookies kept, CSRF token read from the sign-in form. */
async function signIn(base: string): Promise<string> {
  const login = await fetch(`${base}/login`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await login.text())![1];
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email: EMAIL, password: PASSWORD }),
  });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** Downloads an export while sampling the server's resident memory every 5 ms. */
async function download(base: string, pathname: string, cookie: string, pid: number) {
  const before = rss(pid);
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, rss(pid)); }, 5);
  const started = performance.now();
  const res = await fetch(`${base}${pathname}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${pathname} answered ${res.status}`);
  let firstByte = 0;
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    firstByte ||= performance.now() - started;
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rss(pid));
  return { seconds, firstByte, bytes, lines, growth: peak - before };
}

async function copyTime(databaseUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let bytes = 0;
    const started = performance.now();
    await pipeline(client.query(copyTo(`COPY (${sql}) TO STDOUT WITH CSV`)), new Writable({ write(c, _e, done) { bytes += c.length; done(); } }));
    return { seconds: (performance.now() - started) / 1000, bytes };
  } finally {
    await client.end();
  }
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

async function measure(url: string, sql: string, base: string, cookie: string, pid: number) {
  // Warm-up on one month (a few thousand rows): code compiled and pools filled, as in a running server.
  const month = await download(base, '/reports/meetings.csv?from=2025-01-01&to=2025-01-31', cookie, pid);
  console.log(`warm-up, one month: ${month.lines - 1} rows in ${month.seconds.toFixed(2)} s, RSS growth ${mb(month.growth)}`);

  // Alternated runs on a shared machine; the best of each is the fairest comparison.
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const app = await download(base, '/reports/meetings.csv?lang=en', cookie, pid);
    const copy = await copyTime(url, sql);
    runs.push({ app, copy });
    console.log(`run ${i + 1}: meetings.csv ${app.seconds.toFixed(2)} s (${app.lines - 1} rows, ${mb(app.bytes)}, first byte after ` +
      `${app.firstByte.toFixed(0)} ms, RSS growth ${mb(app.growth)}); COPY ${copy.seconds.toFixed(2)} s (${mb(copy.bytes)})`);
  }
  const app = Math.min(...runs.map((r) => r.app.seconds));
  const copy = Math.min(...runs.map((r) => r.copy.seconds));
  console.log(`\nmeetings.csv export, best of ${RUNS}: ${app.toFixed(2)} s`);
  console.log(`PostgreSQL COPY (same query) TO STDOUT WITH CSV, best of ${RUNS}: ${copy.toFixed(2)} s`);
  console.log(`export / COPY: ${(app / copy).toFixed(2)}x (aim: within 2x)`);
  console.log(`server peak RSS growth during a full export (worst run): ${mb(Math.max(...runs.map((r) => r.app.growth)))} (aim: under 50 MB)`);
}

async function main() {
  const admin = openPostgres(BASE_URL, 1);
  await admin.knex.raw(`CREATE DATABASE "${DB_NAME}"`);
  const url = withDatabase(BASE_URL, DB_NAME);
  const bench = openPostgres(url, 2);
  let server: ChildProcess | undefined;
  try {
    await migrateLatest(bench.knex);
    const t0 = performance.now();
    await fillDatabase(bench.knex, { email: EMAIL, passwordHash: await hashPassword(PASSWORD) });
    console.log(`filled ${MEETINGS.toLocaleString('en')} meetings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const sql = meetingsQuery(bench.knex, {}, 'en', false).toQuery();
    await copyTime(url, sql); // warms PostgreSQL's cache so that both measures read from memory
    const port = await freePort();
    server = await startServer(url, port);
    const base = `http://127.0.0.1:${port}`;
    await measure(url, sql, base, await signIn(base), server.pid!);
  } finally {
    server?.kill('SIGTERM');
    await bench.close();
    await admin.knex.raw(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
    await admin.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
