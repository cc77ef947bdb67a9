/**
 * npm run bench [-- --meetings N] [--embedded-meetings M] [--seconds S] [--connections 10,50] [--keep] [--no-embedded]
 *
 * The tracker's pages under load, as ratios of the machine's own ceilings. On the real PostgreSQL at
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) it creates a database of
 * its own (mpt_bench_<pid>; no other database is touched), fills it with db:seed:scale, builds and
 * starts the production server, and loads each page for S seconds at 10 and 50 connections. Then the
 * same pages on the embedded database (its own temporary folder). Prints figures; asserts nothing.
 * See test/bench/PERFORMANCE.md for what was measured and how to read it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openPostgres, openEmbedded, migrateLatest } from '../../src/db';
import { hashPassword } from '../../src/auth/passwords';
import { DEFAULT_DB_TIMEOUTS } from '../../src/config';
import { seedScale } from '../../seeds/scale';
import { runLoad, formatRow, HEADER, LoadResult } from './load';
import { buildProduction, startProcess, startTracker, Child, ROOT } from './server';
import { freePort } from '../e2e/server';
import { signIn, getPage, Session } from './client';
import { pageCases, loadCaseFor, SUBJECTS_SQL, Subjects, BenchCase } from './cases';
import { coldStart } from './cold-start';

const { values: args } = parseArgs({
  options: {
    meetings: { type: 'string', default: '200000' },
    'embedded-meetings': { type: 'string', default: '50000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10,50' },
    keep: { type: 'boolean', default: false },
    'no-embedded': { type: 'boolean', default: false },
  },
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = args.connections.split(',').map(Number);
const BASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = `mpt_bench_${process.pid}`;
const PASSWORD = 'scale data password';
const COORDINATOR = 'scale-2@example.org';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function main() {
  const admin = openPostgres(BASE_URL, 1);
  await admin.knex.raw(`CREATE DATABASE "${DB_NAME}"`);
  const url = withDatabase(BASE_URL, DB_NAME);
  const children: Child[] = [];
  try {
    const subjects = await seedPostgres(url, Number(args.meetings));
    buildProduction();
    const ceilingPorts = [await freePort(), await freePort()];
    const ceilings = await startProcess(process.execPath, ['--import', 'tsx', 'test/bench/ceilings.ts', url, ...ceilingPorts.map(String)], {}, 'ceilings ready', 0);
    children.push(ceilings);
    const byId = `http://127.0.0.1:${ceilingPorts[0]}/officials/${subjects.officialId}`;
    const hello = `http://127.0.0.1:${ceilingPorts[1]}/`;

    console.log(`\nReal PostgreSQL, ${Number(args.meetings).toLocaleString('en-CA')} meetings, ${SECONDS} s per case\n${HEADER}`);
    const ceiling: Record<number, number> = {};
    for (const connections of CONNECTIONS) {
      const r = await runLoad({ url: byId, connections, seconds: SECONDS, serverPid: ceilings.pid });
      ceiling[connections] = r.rps;
      console.log(formatRow('ceiling: Express + pg by id', connections, r, r.rps));
      console.log(formatRow('ceiling: Node http hello', connections, await runLoad({ url: hello, connections, seconds: SECONDS, serverPid: ceilings.pid }), r.rps));
    }
    const tracker = await startTracker({ DATABASE_URL: url, DB_POOL_MAX: '10' });
    children.push(tracker);
    await measurePages(tracker, subjects, ceiling);
    await tracker.stop();
    for (const c of children.splice(0)) await c.stop();

    console.log(`\nCold start (npm start to the first page answered):`);
    console.log(`  real PostgreSQL: ${await coldStart({ DATABASE_URL: url, NODE_ENV: 'production' })} ms`);
    if (!args['no-embedded']) await embedded(ceiling);
  } finally {
    for (const c of children) await c.stop();
    if (!args.keep) await admin.knex.raw(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
    else console.log(`Kept the database: ${url}`);
    await admin.close();
  }
}

async function seedPostgres(url: string, meetings: number): Promise<Subjects> {
  // Filling hundreds of thousands of rows is one statement per table: no page's 15 s limit applies.
  const db = openPostgres(url, 2, { ...DEFAULT_DB_TIMEOUTS, statementTimeoutMs: 10 * 60_000 });
  try {
    await migrateLatest(db.knex);
    const started = Date.now();
    await seedScale(db.knex, { meetings, passwordHash: await hashPassword(PASSWORD) });
    await db.knex.raw('VACUUM ANALYZE'); // what autovacuum does in steady state: index-only scans need the visibility map
    console.log(`Seeded ${meetings.toLocaleString('en-CA')} meetings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return (await db.knex.raw(SUBJECTS_SQL)).rows[0];
  } finally {
    await db.close();
  }
}

/** Every case at every connection count; a case whose page does not answer as expected is skipped and said. */
async function measurePages(tracker: Child, subjects: Subjects, ceiling: Record<number, number>): Promise<void> {
  const base = tracker.url;
  const session = await signIn(base, COORDINATOR, PASSWORD);
  for (const c of pageCases(subjects)) {
    const missing = await unavailable(base, c, session);
    if (missing) { console.log(`${c.name.padEnd(34)} skipped: ${missing}`); continue; }
    for (const connections of CONNECTIONS) {
      const r: LoadResult = await runLoad({ ...loadCaseFor(base, c, session, connections, SECONDS), serverPid: tracker.pid });
      console.log(formatRow(c.name, connections, r, ceiling[connections]));
    }
  }
}

async function unavailable(base: string, c: BenchCase, session: Session): Promise<string | undefined> {
  const page = await getPage(base, c.path, c.signedIn ? session : undefined);
  if (page.status === 404) return `${c.path} answers 404 (not built yet?)`;
  if (page.status !== 200) return `${c.path} answers ${page.status}`;
  return undefined;
}

/** The same pages on the embedded database, seeded by the CLI (as a user would) in a temporary folder. */
async function embedded(ceiling: Record<number, number>): Promise<void> {
  const meetings = Number(args['embedded-meetings']);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpt-bench-embedded-'));
  try {
    const started = Date.now();
    execFileSync('npx', ['tsx', 'src/cli/seed-scale.ts', '--meetings', String(meetings)], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir }, stdio: 'inherit' });
    console.log(`\nEmbedded database, ${meetings.toLocaleString('en-CA')} meetings (seeded in ${((Date.now() - started) / 1000).toFixed(1)} s); ` +
      'development mode (production requires DATABASE_URL); ratios to the PostgreSQL by-id ceiling\n' + HEADER);
    const db = await openEmbedded({ dataDir: path.join(dataDir, 'pgdata') });
    const subjects: Subjects = (await db.knex.raw(SUBJECTS_SQL)).rows[0];
    await db.close();
    const tracker = await startTracker({ DATA_DIR: dataDir });
    try {
      await measurePages(tracker, subjects, ceiling);
    } finally {
      await tracker.stop();
    }
    console.log(`Cold start, embedded database with its data present: ${await coldStart({ DATA_DIR: dataDir })} ms`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
