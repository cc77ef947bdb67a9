import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openPostgres, migrateLatest, Database } from '../../src/db';
import { startScript } from '../helpers/cli';
import { startCluster, Cluster } from '../helpers/cluster';
import { createUser } from '../helpers/factories';
import { backendsOn, holdTableLock, REAL_POSTGRES, SKIP_REASON, waitForBlockedBackend } from '../helpers/faults';
import { commonsFile, confirm, preview } from '../helpers/officials.factories';
import { signIn } from '../helpers/session';
import { freePort } from '../e2e/server';

/**
 * Shutdown on a real PostgreSQL, with the server process: bounded (at the deadline the database
 * sessions still in use are ended, so nothing commits after its client was cut off, and the process
 * exits 1), and without resetting kept-alive clients (a delay with /readyz at 503, then every
 * response says `Connection: close`).
 */
(REAL_POSTGRES ? describe : describe.skip)('shutdown, bounded and without resets', () => {
  jest.setTimeout(60_000);
  let cluster: Cluster;
  let inspector: Database;
  let dataDir: string;
  const servers: ChildProcess[] = [];
  beforeAll(async () => {
    cluster = await startCluster();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpt-shutdown-'));
    inspector = openPostgres(cluster.url, 1);
    await migrateLatest(inspector.knex);
  });
  afterAll(async () => {
    for (const s of servers) if (s.exitCode === null) s.kill('SIGKILL');
    await inspector?.close();
    await cluster?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** The server on the cluster with these settings, once it listens. */
  async function start(env: Record<string, string>) {
    const port = await freePort();
    const server = startScript('src/server.ts', [], { DATABASE_URL: cluster.url, DATA_DIR: dataDir, PORT: String(port), ...env });
    servers.push(server);
    let output = '';
    server.stdout!.on('data', (d) => { output += d; });
    server.stderr!.on('data', (d) => { output += d; });
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    await until(() => output.includes('listening on'), () => output);
    return { server, port, exited, output: () => output };
  }

  test('a statement blocked past the deadline is ended: exit 1 at the deadline, and its write did not commit', async () => {
    // The import waits on a lock, with a lock timeout longer than the test, and a statement timeout
    // (imports allow 2 minutes) the deadline comes first.
    const { server, port, exited, output } = await start({ SHUTDOWN_TIMEOUT_MS: '1500', DB_STATEMENT_TIMEOUT_MS: '1000', DB_LOCK_TIMEOUT_MS: '600000' });
    const agent = await signIn(`http://127.0.0.1:${port}` as never, (await createUser(inspector.knex, 'coordinator')).email);
    const batchId = await preview(agent, commonsFile([',Ziad,Aboultaif,Edmonton Manning,Alberta,Conservative,2021-09-20 12:00:00 AM,']));
    const lock = await holdTableLock(cluster.url, 'audit_events');
    try {
      const slow = confirm(agent, batchId).then((r) => r.status, (err) => (err as { code?: string }).code);
      await waitForBlockedBackend(inspector.knex, 'postgres');
      server.kill('SIGTERM');
      // While the lock is still held: the process did not wait for the statement.
      expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running with the lock held'), 15_000))])).toBe(1);
      expect(await slow).toBe('ECONNRESET'); // cut off at the deadline
      expect(output()).toContain('closing them and ending their database sessions');
    } finally {
      await lock.release();
    }
    expect((await inspector.knex('import_batches').where({ id: batchId }).first()).status).toBe('previewed');
    expect(await inspector.knex('officials').count('* as n')).toEqual([{ n: '0' }]);
    await until(async () => (await backendsOn(inspector.knex, 'postgres')) === 0, output);
  });

  test('SIGTERM with kept-alive clients: /readyz 503 while they are served, Connection: close, no reset, exit 0', async () => {
    const { server, port, exited, output } = await start({ SHUTDOWN_DELAY_MS: '1500' });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    let balancerStopped = false;
    let readyz503At = -1;
    const answers: { afterSignal: boolean; status?: number; connection?: string; error?: string; at: number }[] = [];
    // Clients posting on kept-alive connections, as browsers behind a load balancer do, until the
    // balancer, having seen /readyz fail, stops sending (a new connection still queued when the
    // server stops listening is reset by the kernel: that is what the delay is for).
    const client = async () => {
      while (!balancerStopped) {
        const afterSignal = output().includes('shutting down'); // sent once the server had taken the signal
        answers.push({ afterSignal, ...(await post(agent, port)), at: Date.now() });
      }
    };
    const clients = Promise.all([client(), client(), client(), client()]);
    const poller = (async () => {
      while (readyz503At < 0) {
        const res = await get(port, '/readyz');
        if (res.status === 503) readyz503At = Date.now();
        else await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 300)); // the balancer's reaction time, shorter than the delay
      balancerStopped = true;
    })();
    // Served as usual first (however slow the machine), before the signal.
    while (answers.length < 4) await new Promise((r) => setTimeout(r, 50));
    expect(answers.filter((a) => a.connection === 'keep-alive').length).toBeGreaterThan(0);
    server.kill('SIGTERM');
    await Promise.all([clients, poller]);

    // A request in flight across the start of the drain (its body still arriving).
    const slow = post(agent, port, () => until(() => output().includes('draining'), output));
    const last = await slow;
    agent.destroy();

    expect(await exited).toBe(0);
    expect(answers.filter((a) => a.error)).toEqual([]);
    const late = answers.filter((a) => a.afterSignal);
    expect(late.length).toBeGreaterThan(0);
    const usual = answers[0].status; // 303 to the first-run page, or 403 (no form token) once a user exists
    expect(late.filter((a) => a.status !== usual || a.connection !== 'close')).toEqual([]);
    expect(late.filter((a) => a.at > readyz503At).length).toBeGreaterThan(0); // still served once /readyz said 503
    expect(last).toEqual({ status: usual, connection: 'close' });
    expect(output()).toContain('"msg":"stopped"');
  });
});

/** POST /login, on the agent's connections. */
function post(agent: http.Agent, port: number, beforeLastByte?: () => Promise<void>): Promise<{ status?: number; connection?: string; error?: string }> {
  return new Promise((resolve) => {
    const body = 'email=someone%40example.org&password=whatever';
    const req = http.request({ agent, port, host: '127.0.0.1', method: 'POST', path: '/login', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
    });
    req.on('error', (err) => resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message }));
    if (!beforeLastByte) return void req.end(body);
    req.write(body.slice(0, -1));
    void beforeLastByte().then(() => req.end(body.slice(-1)));
  });
}

function get(port: number, url: string): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    http.get({ port, host: '127.0.0.1', path: url, agent: false }, (res) => { res.resume(); res.on('end', () => resolve({ status: res.statusCode })); })
      .on('error', (err) => resolve({ error: (err as NodeJS.ErrnoException).code }));
  });
}

async function until(done: () => boolean | Promise<boolean>, show: () => string, timeoutMs = 40_000) {
  const end = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`Timed out; output so far:\n${show()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

if (!REAL_POSTGRES) test.skip(SKIP_REASON, () => undefined);
