/**
 * npm run bench:weight
 * What a phone on a slow 4G connection moves and waits for. Fills a scratch database of a real
 * PostgreSQL (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server) with the demo data
 * (`npm run db:seed`), starts the production build, and opens each page in Debian's Chromium with the
 * network emulated (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up): once with an empty cache
 * (cold: the bytes moved and the time to the load event) and once more (warm). Prints figures and
 * the targets beside them; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import type { CDPSession, Page } from 'playwright-core';
import { openPostgres } from '../../src/db';
import { launchBrowser, signIn, PHONE } from '../e2e/browser';
import { buildProduction, startTracker, ROOT } from './server';

const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) };

/** Targets: a member page's cold visit at most 40 KB and 600 ms, the dashboard 1.2 s, any warm visit 400 ms. */
const TARGETS = { coldKb: 40, coldMs: 600, dashboardMs: 1200, warmMs: 400 };

interface Visit { kb: number; ms: number }

async function visit(page: Page, cdp: CDPSession, address: string): Promise<Visit> {
  let bytes = 0;
  const onFinished = (e: { encodedDataLength: number }) => { bytes += e.encodedDataLength; };
  cdp.on('Network.loadingFinished', onFinished);
  const started = Date.now();
  await page.goto(address, { waitUntil: 'load' });
  const ms = Date.now() - started;
  cdp.off('Network.loadingFinished', onFinished);
  return { kb: Math.round(bytes / 102.4) / 10, ms };
}

function demoUsers(databaseUrl: string): Record<string, { email: string; password: string }> {
  const printed = execFileSync('npm', ['run', '--silent', 'db:seed'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'development' }, encoding: 'utf8' });
  const users: Record<string, { email: string; password: string }> = {};
  for (const [, role, email, password] of printed.matchAll(/^\s*(admin|coordinator|member)\s+(\S+@\S+)\s+password: (\S+)$/gm)) users[role] = { email, password };
  return users;
}

async function main() {
  const name = `mpt_bench_weight_${process.pid}`;
  const admin = openPostgres(url, 1);
  await admin.knex.raw(`CREATE DATABASE "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const tracker = await (async () => {
    const users = demoUsers(target.toString());
    buildProduction();
    return { users, child: await startTracker({ DATABASE_URL: target.toString() }) };
  })();
  const browser = await launchBrowser();
  try {
    const base = tracker.child.url.replace('127.0.0.1', 'localhost');
    const db = openPostgres(target.toString(), 1);
    const officialId = (await db.knex('meetings').first<{ official_id: number }>('official_id')).official_id;
    const meetingId = (await db.knex('meetings').first<{ id: number }>('id')).id;
    await db.close();
    const pages: [string, string[]][] = [
      ['member', ['/', '/officials', '/meetings', '/meetings/new', '/follow-ups', `/officials/${officialId}`, `/meetings/${meetingId}`, '/dashboard']],
      ['coordinator', ['/dashboard', '/campaigns', '/officials/imports', '/reports']],
    ];
    console.log(`\n${'role'.padEnd(12)} ${'page'.padEnd(22)} ${'cold KB'.padStart(8)} ${'cold ms'.padStart(8)} ${'warm ms'.padStart(8)}`);
    for (const [role, paths] of pages) {
      const context = await browser.newContext({ viewport: PHONE });
      const page = await context.newPage();
      await signIn(page, base, tracker.users[role].email, tracker.users[role].password);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      for (const p of paths) {
        await cdp.send('Network.clearBrowserCache');
        const cold = await visit(page, cdp, base + p);
        const warm = await visit(page, cdp, base + p);
        const coldLimit = p === '/dashboard' ? TARGETS.dashboardMs : TARGETS.coldMs;
        const over = [cold.kb > TARGETS.coldKb && p !== '/dashboard' ? 'KB' : '', cold.ms > coldLimit ? 'cold' : '', warm.ms > TARGETS.warmMs ? 'warm' : ''].filter(Boolean);
        const shown = p.replace(/\d+/g, ':id');
        console.log(`${role.padEnd(12)} ${shown.padEnd(22)} ${String(cold.kb).padStart(8)} ${String(cold.ms).padStart(8)} ${String(warm.ms).padStart(8)}${over.length ? `  over: ${over.join(', ')}` : ''}`);
      }
      await context.close();
    }
    console.log(`\nTargets: a member page's cold visit at most ${TARGETS.coldKb} KB and ${TARGETS.coldMs} ms, the dashboard ${TARGETS.dashboardMs} ms, a warm visit ${TARGETS.warmMs} ms.`);
  } finally {
    await browser.close();
    await tracker.child.stop();
    await admin.knex.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.close();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
