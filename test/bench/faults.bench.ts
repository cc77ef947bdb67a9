/**
 * npm run bench:faults [-- --bursts 2 --burst 200 --members 20 --concurrency 25 --spread-ms 4000]
 * Burst and restart: a throwaway PostgreSQL cluster of its own (as the fault tests start), two
 * instances of the tracker on it (each its own pool and loopback port, as behind a load balancer),
 * and signed-in members who log meetings in bursts of tagged POSTs (each meeting's notes carry a
 * tag of its own, alternately on either instance) while the cluster restarts a third of the way
 * into each burst. Then every answer is matched with the rows carrying its tag: a 303 to the
 * meeting must have exactly one, "nothing was saved" (503) or any other answer none, and an answer
 * that never came (a reset, a timeout) disagrees whatever the rows say. Prints the answers, how
 * many agree and disagree (the target is zero), by kind, and what the instances logged; exits 1 if
 * any answer disagreed or a meeting was half-written. Bounded: the bursts' size, a 30 s timeout per
 * request and 5 minutes in all; loopback only.
 */
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { withSessionSecret } from '../../src/auth/session-secret';
import { openPostgres, migrateLatest, Database } from '../../src/db';
import { startCluster, Cluster } from '../helpers/cluster';
import { createCampaign, createLocal, createOfficial, createUser, PASSWORD } from '../helpers/factories';
import { signIn, Session } from './client';
import { Answer, answerOf, tally } from './faults';

const { values: args } = parseArgs({ options: {
  bursts: { type: 'string', default: '2' }, burst: { type: 'string', default: '200' }, members: { type: 'string', default: '20' },
  concurrency: { type: 'string', default: '25' }, 'spread-ms': { type: 'string', default: '4000' },
} });
const BURSTS = Math.min(Number(args.bursts), 10);
const BURST = Math.min(Number(args.burst), 2000);
const MEMBERS = Math.min(Number(args.members), 200);
const CONCURRENCY = Math.min(Number(args.concurrency), 100);
const PAUSE_MS = (Number(args['spread-ms']) * CONCURRENCY) / BURST; // each client's pause between posts, spreading a burst over about spread-ms
const RUN = `fault-run-${process.pid}`;

/** What the instances logged, counted by level and message. */
const logged = new Map<string, number>();
const logSink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      try {
        const { level, msg } = JSON.parse(line) as { level: number; msg: string };
        const key = `${pino.levels.labels[level]}: ${msg}`;
        logged.set(key, (logged.get(key) ?? 0) + 1);
      } catch { /* not a log line */ }
    }
    done();
  },
});
const logger = pino({ level: 'warn' }, logSink);

/**
 * Knex prints each broken connection to the console (hundreds of lines during a restart): while the
 * bursts run, those lines are counted with the logs instead.
 */
function countConsoleLines(): () => void {
  const saved = { log: console.log, warn: console.warn, error: console.error };
  const count = (...parts: unknown[]) => {
    const key = `console: ${String(parts[0]).split('\n')[0].replace(/\d+/g, 'N').slice(0, 80)}`;
    logged.set(key, (logged.get(key) ?? 0) + 1);
  };
  Object.assign(console, { log: count, warn: count, error: count });
  return () => Object.assign(console, saved);
}

interface Instance { database: Database; server: Server; url: string }

async function startInstance(url: string): Promise<Instance> {
  const config = withSessionSecret(loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, SESSION_SECRET: 'fault-run-session-secret-0123456789abcdef', LOG_LEVEL: 'warn' }));
  const database = openPostgres(url, 10);
  const app = createApp({ db: database.knex, config, logger });
  const server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  return { database, server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

async function stopInstance(i: Instance) {
  i.server.closeAllConnections();
  await new Promise((r) => i.server.close(r));
  await i.database.close();
}

/** One member logs one tagged meeting (with a follow-up, so that a half-written one would show). */
async function logTagged(base: string, session: Session, fields: Record<string, string>, tag: string): Promise<Answer> {
  const body = new URLSearchParams({ _csrf: session.csrf, ...fields, notes: tag });
  try {
    const res = await fetch(`${base}/meetings/new`, {
      method: 'POST', redirect: 'manual', body, signal: AbortSignal.timeout(30_000),
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    return await answerOf(tag, res);
  } catch (err) {
    return answerOf(tag, err as Error);
  }
}

/** A burst of tagged posts from every member on both instances; the cluster restarts a third of the way in. */
async function burst(n: number, cluster: Cluster, instances: Instance[], sessions: Session[], fields: (s: number) => Record<string, string>, timings: string[]) {
  const answers: Answer[] = [];
  let next = 0;
  let restart: Promise<number> | undefined;
  const started = Date.now();
  const client = async () => {
    while (next < BURST) {
      const i = next++;
      if (i === Math.floor(BURST / 3)) {
        const at = Date.now();
        restart = cluster.restart().then(() => Date.now() - at);
      }
      const s = i % sessions.length;
      answers.push(await logTagged(instances[i % instances.length].url, sessions[s], fields(s), `${RUN}-${n}-${i}`));
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const restartMs = await restart;
  timings.push(`burst ${n}: ${answers.length} posts in ${Date.now() - started} ms; the cluster restarted in ${restartMs} ms`);
  return answers;
}

/** The tagged meetings, and the tags whose meeting lacks its follow-up (half-written). */
async function rowsOf(db: Database) {
  const { rows } = await db.knex.raw(`SELECT m.id, m.notes, count(f.id)::int AS follow_ups FROM meetings m
    LEFT JOIN follow_ups f ON f.meeting_id = m.id WHERE m.notes LIKE ? GROUP BY m.id`, [`${RUN}-%`]);
  const byTag = new Map<string, { id: number }[]>();
  for (const r of rows as { id: number; notes: string; follow_ups: number }[]) byTag.set(r.notes, [...(byTag.get(r.notes) ?? []), { id: r.id }]);
  return { byTag, halfWritten: (rows as { follow_ups: number }[]).filter((r) => r.follow_ups !== 1).length };
}

async function main() {
  const watchdog = setTimeout(() => { console.error('The fault run took more than 5 minutes; stopped.'); process.exit(2); }, 5 * 60_000);
  const cluster = await startCluster();
  const setup = openPostgres(cluster.url, 2);
  const instances: Instance[] = [];
  try {
    await migrateLatest(setup.knex);
    const local = await createLocal(setup.knex);
    const members = await Promise.all(Array.from({ length: MEMBERS }, () => createUser(setup.knex, 'member', { local_id: local.id })));
    const campaign = await createCampaign(setup.knex, {}, ['Stable funding']);
    const official = await createOfficial(setup.knex);
    instances.push(await startInstance(cluster.url), await startInstance(cluster.url));
    const sessions = await Promise.all(members.map((m, i) => signIn(instances[i % 2].url, m.email, PASSWORD)));
    const fields = (s: number) => ({
      campaign_id: String(campaign.id), official_id: String(official.id), status: 'held', held_on: '2026-03-10', format: 'phone',
      stance: 'supportive', ask_ids: String(campaign.asks[0].id), attendee_ids: String(members[s].id), confirm_duplicate: '1',
      'follow_ups[0][description]': 'Send the brief', 'follow_ups[0][due_on]': '2026-04-01', 'follow_ups[0][assignee_id]': String(members[s].id),
    });
    console.log(`${MEMBERS} members signed in on 2 instances; ${BURSTS} bursts of ${BURST} posts, ${CONCURRENCY} at a time, one restart each`);

    const answers: Answer[] = [];
    const timings: string[] = [];
    const restore = countConsoleLines();
    try {
      for (let n = 1; n <= BURSTS; n++) answers.push(...(await burst(n, cluster, instances, sessions, fields, timings)));
    } finally {
      restore();
    }
    console.log(timings.join('\n'));

    const { byTag, halfWritten } = await rowsOf(setup);
    const { lines, disagreeing } = tally(answers, byTag);
    console.log(lines.join('\n'));
    console.log(`meetings half-written (without their follow-up): ${halfWritten}`);
    for (const a of disagreeing.slice(0, 10)) console.log(`  disagrees: ${a.tag}: ${a.kind} (${a.detail}), rows ${byTag.get(a.tag)?.length ?? 0}`);
    console.log('logged by the instances:');
    for (const [key, n] of [...logged].sort((x, y) => y[1] - x[1])) console.log(`  ${String(n).padStart(4)}  ${key}`);
    process.exitCode = disagreeing.length || halfWritten ? 1 : 0;
  } finally {
    for (const i of instances) await stopInstance(i);
    await setup.close();
    await cluster.stop();
    clearTimeout(watchdog);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
