import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ROOT_DIR } from '../../src/config';
import { childEnv } from '../helpers/cli';
import { freePort } from '../e2e/server';
import { csrfFrom } from '../helpers/session';
import { COMMONS_HEADER } from '../helpers/officials.factories';

/**
 * The embedded database on a disk that fills up: a small tmpfs, mounted for the tracker alone in a
 * private mount namespace (`unshare -m`), so the test needs root and unshare.
 */
const canMount = process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0;
// The tracker it starts always uses the embedded database, so the run on a real PostgreSQL (which
// would repeat these two minutes to the letter) leaves it to the embedded run.
const embeddedRun = !process.env.TEST_DATABASE_URL;
const SKIP_REASON = embeddedRun
  ? 'skipped: the disk-full test mounts a tmpfs in a private mount namespace, which needs root and unshare -m'
  : 'skipped: the embedded database on a full disk is tested by the embedded run of the suite';
if (!canMount || !embeddedRun) console.warn(SKIP_REASON);

jest.setTimeout(240_000);

const TMPFS_MB = 80; // a fresh migrated database takes about 40 MB, with one 16 MB WAL segment
/** What is left free before the app fills the disk: less than a 16 MB WAL segment. */
const LEAVE_FREE = 15 * 1024 * 1024;

interface Tracker { process: ChildProcess; url: string; output(): string; exit: Promise<{ code: number | null; signal: string | null }> }
const started: { tracker: Tracker; mountDir: string }[] = [];

/** Starts the tracker with its data folder on a fresh small tmpfs seen by it alone. */
async function startOnSmallDisk(): Promise<Tracker> {
  const mountDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpt-disk-full-'));
  const port = await freePort();
  const env = childEnv({ DATA_DIR: mountDir, DATABASE_URL: undefined, PORT: String(port) });
  // unshare and sh both exec, so the child's pid is the tracker's: signals and nsenter reach it.
  const child = spawn('unshare', ['-m', 'sh', '-c', `mount -t tmpfs -o size=${TMPFS_MB}m tmpfs "$0" && exec "$@"`,
    mountDir, process.execPath, '--import', 'tsx', 'src/server.ts'], { cwd: ROOT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const tracker = { process: child, url: `http://127.0.0.1:${port}`, output: () => output, exit };
  started.push({ tracker, mountDir });
  await waitFor(() => output.includes('listening on') || child.exitCode !== null, () => output);
  if (!output.includes('listening on')) throw new Error(`The tracker did not start:\n${output}`);
  // Leave less free than a WAL segment: the segment PostgreSQL creates next no longer fits (a PANIC).
  const avail = Number(inMountsOf(tracker, 'df', '-B1', '--output=avail', mountDir).trim().split('\n').pop());
  inMountsOf(tracker, 'fallocate', '-l', String(Math.max(0, avail - LEAVE_FREE)), path.join(mountDir, 'filler'));
  return tracker;
}
afterAll(() => {
  for (const { tracker, mountDir } of started) {
    if (tracker.process.exitCode === null && tracker.process.signalCode === null) tracker.process.kill('SIGKILL');
    fs.rmSync(mountDir, { recursive: true, force: true });
  }
});

/** Runs a command inside the tracker's mount namespace, where its tmpfs is. */
function inMountsOf(tracker: Tracker, ...command: string[]): string {
  const run = spawnSync('nsenter', ['-t', String(tracker.process.pid), '-m', ...command], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${command.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** An import file of officials whose names do not compress: a preview stores every row. */
function bulkyFile(rows: number): Buffer {
  const lines = [COMMONS_HEADER];
  for (let i = 0; i < rows; i++) {
    const [first, last, place] = [200, 200, 300].map((n) => crypto.randomBytes(n).toString('base64url'));
    lines.push(`,${first},${last},${place},Ontario,Independent,2021-09-20 12:00:00 AM,`);
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);
}

/** Signs up the first admin, then previews imports until an answer is not the preview. */
async function fillThroughTheApp(tracker: Tracker): Promise<{ answer: request.Response; agent: ReturnType<typeof request.agent> }> {
  const agent = request.agent(tracker.url);
  const setup = await agent.get('/setup');
  await agent.post('/setup').type('form')
    .send({ _csrf: csrfFrom(setup.text), name: 'Ada Admin', email: 'ada@example.org', password: 'a long enough passphrase' })
    .expect(303);
  for (let i = 0; i < 40; i++) {
    const page = await agent.get('/officials/imports');
    if (page.status !== 200) return { answer: page, agent };
    const res = await agent.post('/officials/imports').field('_csrf', csrfFrom(page.text))
      .attach('file', bulkyFile(3000), { filename: 'officials.csv', contentType: 'text/csv' });
    if (res.status !== 303) return { answer: res, agent };
  }
  throw new Error(`The disk never filled:\n${tracker.output()}`);
}

const FATAL_LINE = /"level":60,.*"msg":"the embedded database stopped \(PANIC: could not write to file .*No space left on device\); exiting"/;
async function within<T>(ms: number, p: Promise<T>): Promise<T | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still running'>((resolve) => { timer = setTimeout(() => resolve('still running'), ms); });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

(canMount && embeddedRun ? describe : describe.skip)('the embedded database on a full disk', () => {
  test('the request that fills it is told so in plain words, and the tracker exits with one clear line', async () => {
    const tracker = await startOnSmallDisk();
    const { answer } = await fillThroughTheApp(tracker);
    expect(answer.status).toBe(503);
    expect(answer.text).toContain('The server’s disk is full; nothing was saved.');
    expect(await within(10_000, tracker.exit)).toEqual({ code: 1, signal: null });
    expect(tracker.output()).toMatch(FATAL_LINE);
  });

  test('after the PANIC the next request is answered at once (the engine is not entered again), and SIGTERM stops the tracker', async () => {
    const tracker = await startOnSmallDisk();
    const { answer, agent } = await fillThroughTheApp(tracker);
    expect(answer.status).toBe(503);
    const next = await agent.get('/officials/imports').timeout(5_000); // its session is read from the database
    expect(next.status).toBe(503);
    expect(next.text).toContain('The database is not answering right now.'); // a page read: nothing was being saved
    tracker.process.kill('SIGTERM');
    expect(await within(5_000, tracker.exit)).toMatchObject({ code: 1 });
    // The PANIC is in the log: as the fatal line, or, when SIGTERM came first, in the failed close.
    expect(tracker.output()).toMatch(/PANIC: could not write to file .*No space left on device|"severity":"PANIC"/);
  });
});

async function waitFor(done: () => boolean, show: () => string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`Timed out; output so far:\n${show()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
