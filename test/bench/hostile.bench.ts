/**
 * npm run bench:hostile
 * Fires each hostile request of the hardening passes at the production build on a scratch database
 * of a real PostgreSQL (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server) and
 * prints, per case, the answers' statuses, the longest the server's event loop was blocked and how
 * much its memory grew. The server runs with a small preload (loop-monitor.cjs) that reports both on
 * SIGUSR2. Exits 1 if a case blocked the loop for more than 100 ms or was answered with a 5xx.
 * Loopback only; every case is bounded in count. HOSTILE_ONLY=<part of a label> runs only the cases
 * whose label contains it.
 */
import path from 'node:path';
import type { Knex } from 'knex';
import { openPostgres, migrateLatest } from '../../src/db';
import { createCampaign, createLocal, createOfficial, createUser, PASSWORD } from '../helpers/factories';
import { buildProduction, Child, startTracker } from './server';
import { Visitor } from './hostile.client';
import { HOSTILE_CASES, HostileContext } from './hostile.cases';

const BLOCK_LIMIT_MS = 100;
const EXPORT_MEETINGS = 4_000; // about 10 MB of CSV with notes: more than the loopback buffers hold
const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Report { loopMaxMs: number; rssMb: number; heapMb: number }

/** Asks the server's loop monitor for its figures since the last report. */
function report(tracker: Child): Promise<Report> {
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      const line = chunk.toString().split('\n').find((l) => l.startsWith('loop-monitor '));
      if (!line) return;
      tracker.process.stdout!.off('data', onData);
      resolve(JSON.parse(line.slice('loop-monitor '.length)) as Report);
    };
    tracker.process.stdout!.on('data', onData);
    tracker.process.kill('SIGUSR2');
  });
}

async function seed(knex: Knex) {
  const local = await createLocal(knex, { name: 'Local 1' });
  const [admin, coordinator, member, stranger] = [
    await createUser(knex, 'admin'), await createUser(knex, 'coordinator'),
    await createUser(knex, 'member', { local_id: local.id }), await createUser(knex, 'admin'),
  ];
  const official = await createOfficial(knex);
  const campaign = await createCampaign(knex, {}, ['Stable funding']);
  await knex.raw(`INSERT INTO meetings (campaign_id, official_id, local_id, logged_by, status, held_on, format, notes)
    SELECT ?, ?, ?, ?, 'held', DATE '2026-01-05', 'phone', repeat('A long note about the meeting. ', 80) FROM generate_series(1, ?)`,
  [campaign.id, official.id, local.id, member.id, EXPORT_MEETINGS]);
  return { admin, coordinator, member, stranger, official, campaign };
}

async function main() {
  const name = `mpt_bench_hostile_${process.pid}`;
  const admin = openPostgres(url, 1);
  await admin.knex.raw(`CREATE DATABASE "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  let tracker: Child | undefined;
  let failed = false;
  try {
    const db = openPostgres(target.toString(), 2);
    await migrateLatest(db.knex);
    const people = await seed(db.knex);
    await db.close();
    buildProduction();
    tracker = await startTracker({ DATABASE_URL: target.toString() },
      ['--expose-gc', '-r', path.join(__dirname, 'loop-monitor.cjs')]);
    const visitor = async (email: string) => {
      const v = new Visitor(tracker!.url);
      await v.signIn(email, PASSWORD);
      return v;
    };
    const ctx: HostileContext = {
      base: tracker.url, admin: await visitor(people.admin.email), coordinator: await visitor(people.coordinator.email),
      member: await visitor(people.member.email), memberEmail: people.member.email,
      campaignId: people.campaign.id, officialId: people.official.id, targetUserId: people.stranger.id,
    };
    console.log(`\n${'case'.padEnd(64)} ${'answers'.padEnd(28)} ${'loop max'.padStart(9)} ${'heap +'.padStart(8)} ${'rss +'.padStart(8)}`);
    for (const c of HOSTILE_CASES.filter((h) => h.label.includes(process.env.HOSTILE_ONLY ?? ''))) {
      const before = await report(tracker);
      const statuses = await c.run(ctx);
      const after = await report(tracker);
      const answers = Object.entries(statuses.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s || 'cut']: (acc[s || 'cut'] ?? 0) + 1 }), {}))
        .map(([s, n]) => (n > 1 ? `${n}× ${s}` : s)).join(', ');
      const bad = after.loopMaxMs > BLOCK_LIMIT_MS || statuses.some((s) => s >= 500);
      if (bad) failed = true;
      console.log(`${c.label.padEnd(64)} ${answers.padEnd(28)} ${`${after.loopMaxMs} ms`.padStart(9)} ${`${after.heapMb - before.heapMb} MB`.padStart(8)} ${`${after.rssMb - before.rssMb} MB`.padStart(8)}${bad ? '  <-- over the limit' : ''}`);
    }
  } finally {
    await tracker?.stop();
    await admin.knex.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.close();
  }
  console.log(failed ? `\nFAILED: a case blocked the event loop for more than ${BLOCK_LIMIT_MS} ms or was answered with a 5xx.`
    : `\nNo case blocked the event loop for more than ${BLOCK_LIMIT_MS} ms; no 5xx.`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => { console.error(err); process.exit(1); });
