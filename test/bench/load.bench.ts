/**
 * npm run bench:load [-- --seconds 10 --meetings 50000 --connections 50]
 * The production build on a real PostgreSQL (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the
 * local server) with demo data at scale (seeds/scale.ts, as `npm run db:seed:scale`), under a bounded
 * load on loopback: sign-in, the meeting list, a meeting's page, logging a meeting (POST) and the
 * dashboard, each for a fixed time at 50 concurrent clients. Prints requests/s, p50/p99 and the error
 * count of each (errors, timeouts and any unexpected status, 5xx included), and exits 1 if any
 * case had one. Uses a scratch database, dropped at the end.
 */
import { parseArgs } from 'node:util';
import { openPostgres, migrateLatest } from '../../src/db';
import { hashPassword } from '../../src/auth/passwords';
import { seedScale } from '../../seeds/scale';
import { formatRow, HEADER, LoadCase, runLoad } from './load';
import { buildProduction, startTracker } from './server';

const { values: args } = parseArgs({ options: {
  seconds: { type: 'string', default: '10' }, meetings: { type: 'string', default: '50000' }, connections: { type: 'string', default: '50' },
} });
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const PASSWORD = 'scale data password';
const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A cookie among the Set-Cookie headers (autocannon keeps the header names' case): the session's, or the sign-in form's. */
const cookieOf = (headers: Record<string, string | string[] | undefined>, name = 'mpt.sid') =>
  Object.entries(headers).filter(([k]) => k.toLowerCase() === 'set-cookie').flatMap(([, v]) => ([] as string[]).concat(v ?? []))
    .find((c) => c.startsWith(`${name}=`))?.split(';')[0];
const tokenOf = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** Signs in as a browser would; the session cookie and its CSRF token. */
async function session(base: string, email: string): Promise<{ cookie: string; token: string }> {
  const page = await fetch(`${base}/login`);
  const first = cookieOf(Object.fromEntries([['set-cookie', page.headers.getSetCookie()]]), 'mpt.signin')!;
  const res = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual', body: form({ _csrf: tokenOf(await page.text()), email, password: PASSWORD }),
    headers: { cookie: first, 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (res.status !== 303) throw new Error(`Could not sign in as ${email}: ${res.status}`);
  const cookie = cookieOf(Object.fromEntries([['set-cookie', res.headers.getSetCookie()]]))!;
  const token = tokenOf(await (await fetch(`${base}/account`, { headers: { cookie } })).text());
  return { cookie, token };
}

/**
 * Each connection fetches the sign-in form (its own cookie and token), then signs in with it, each
 * time as the next of a thousand users: an attempt is reserved before its password is checked, so
 * one account signing in on 50 connections at once from one address would meet the limit of 10 per
 * account and address.
 */
function signInCase(base: string): LoadCase {
  let next = 0;
  return {
    url: base, connections: CONNECTIONS, seconds: SECONDS, expect: [303],
    requests: [
      { method: 'GET', path: '/login', onResponse: (_s: number, body: string, context: Record<string, string>, headers?: Record<string, string | string[]>) => {
        context.email = `scale-${100 + (next++ % 1000)}@example.org`; // a thousand users in turn
        context.cookie = cookieOf(headers ?? {}, 'mpt.signin') ?? '';
        context.token = tokenOf(body);
      } },
      { method: 'POST', path: '/login', setupRequest: (req: Record<string, unknown>, context: Record<string, string>) => ({
        ...req, headers: { cookie: context.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: form({ _csrf: context.token, email: context.email, password: PASSWORD }),
      }) },
    ] as never,
  };
}

async function main() {
  const name = `mpt_bench_load_${process.pid}`;
  const admin = openPostgres(url, 1);
  await admin.knex.raw(`CREATE DATABASE "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  let tracker: Awaited<ReturnType<typeof startTracker>> | undefined;
  let failed = false;
  try {
    const seedDb = openPostgres(target.toString(), 2);
    await migrateLatest(seedDb.knex);
    const counts = await seedScale(seedDb.knex, { meetings: Number(args.meetings), passwordHash: await hashPassword(PASSWORD) });
    // A member of a local with meetings, one of that local's meetings, and an official to log one with.
    const { rows: [pick] } = await seedDb.knex.raw(`SELECT u.email, m.id AS meeting_id, m.campaign_id, m.official_id
      FROM meetings m JOIN users u ON u.local_id = m.local_id AND u.role = 'member' WHERE m.deleted_at IS NULL ORDER BY m.id LIMIT 1`);
    await seedDb.close();
    console.log(`Seeded ${Object.entries(counts).map(([k, n]) => `${n.toLocaleString('en-CA')} ${k}`).join(', ')}`);

    buildProduction();
    tracker = await startTracker({ DATABASE_URL: target.toString() });
    const base = tracker.url;
    const member = await session(base, pick.email);
    const coordinator = await session(base, 'scale-2@example.org');
    const as = (s: { cookie: string }) => ({ cookie: s.cookie });
    const cases: [string, LoadCase][] = [
      ['sign-in (form, then POST)', signInCase(base)],
      ['meeting list (member)', { url: `${base}/meetings`, connections: CONNECTIONS, seconds: SECONDS, headers: as(member) }],
      ['meeting list (coordinator)', { url: `${base}/meetings`, connections: CONNECTIONS, seconds: SECONDS, headers: as(coordinator) }],
      ['meeting page', { url: `${base}/meetings/${pick.meeting_id}`, connections: CONNECTIONS, seconds: SECONDS, headers: as(member) }],
      ['log a meeting (POST)', {
        url: `${base}/meetings/new`, method: 'POST', connections: CONNECTIONS, seconds: SECONDS, expect: [303],
        headers: { ...as(member), 'content-type': 'application/x-www-form-urlencoded' },
        body: form({ _csrf: member.token, campaign_id: String(pick.campaign_id), official_id: String(pick.official_id), status: 'held',
          held_on: new Date().toISOString().slice(0, 10), format: 'phone', stance: 'supportive', notes: 'Load test', confirm_duplicate: '1' }),
      }],
      ['dashboard (coordinator)', { url: `${base}/dashboard`, connections: CONNECTIONS, seconds: SECONDS, headers: as(coordinator) }],
      ['dashboard (member)', { url: `${base}/dashboard`, connections: CONNECTIONS, seconds: SECONDS, headers: as(member) }],
    ];
    console.log(`\n${SECONDS} s per case on loopback; a sign-in is two requests (form, POST)\n${HEADER}`);
    for (const [label, c] of cases) {
      // One request on its own first: tells a slow page from a page slowed by the queue.
      const started = Date.now();
      if (!c.requests) await fetch(c.url, { method: c.method ?? 'GET', headers: c.headers, body: c.body, redirect: 'manual' }).then((r) => r.arrayBuffer());
      const alone = Date.now() - started;
      const r = await runLoad({ ...c, serverPid: tracker.pid });
      const odd = Object.entries(r.unexpected).map(([status, n]) => `${n}× ${status}`).join(', ');
      console.log(formatRow(label, c.connections, r) + (c.requests ? '' : `  alone ${alone} ms`) + (odd ? `  (${odd})` : ''));
      if (r.errors + r.non2xx > 0 || r.requests === 0) failed = true;
    }
  } finally {
    await tracker?.stop();
    await admin.knex.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.close();
  }
  console.log(failed ? '\nFAILED: some requests erred or answered an unexpected status.' : '\nNo errors, no unexpected status.');
  process.exit(failed ? 1 : 0);
}

main().catch((err) => { console.error(err); process.exit(1); });
