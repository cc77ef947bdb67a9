import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { openPostgres, Database } from '../../src/db';
import { startScript } from '../helpers/cli';
import { startCluster, Cluster } from '../helpers/cluster';
import { createUser } from '../helpers/factories';
import { backendsOn, holdTableLock, REAL_POSTGRES, SKIP_REASON, waitForBlockedBackend } from '../helpers/faults';
import { commonsFile, confirm, preview } from '../helpers/officials.factories';
import { signIn } from '../helpers/session';
import { freePort } from '../e2e/server';

/**
 * SIGTERM while a slow request holds a PostgreSQL transaction open (test/shared/server.test.ts does
 * the same on the embedded database): the request completes, new connections are refused, the
 * process exits 0 and leaves no connection behind in pg_stat_activity.
 */
(REAL_POSTGRES ? describe : describe.skip)('shutdown on a real PostgreSQL', () => {
  jest.setTimeout(60_000);
  let cluster: Cluster;
  let inspector: Database;
  let server: ChildProcess;
  let dataDir: string;
  let output = '';
  beforeAll(async () => {
    cluster = await startCluster();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpt-shutdown-'));
    inspector = openPostgres(cluster.url, 1);
  });
  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await inspector?.close();
    await cluster?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('the slow request completes, new connections are refused, exit 0, no connection left', async () => {
    const port = await freePort();
    server = startScript('src/server.ts', [], { DATABASE_URL: cluster.url, DATA_DIR: dataDir, PORT: String(port), SHUTDOWN_TIMEOUT_MS: '600000' });
    server.stdout!.on('data', (d) => { output += d; });
    server.stderr!.on('data', (d) => { output += d; });
    await waitFor(() => output.includes('listening on'));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));

    const url = `http://127.0.0.1:${port}`;
    const agent = await signIn(url as never, (await createUser(inspector.knex, 'coordinator')).email);
    const batchId = await preview(agent, commonsFile([',Ziad,Aboultaif,Edmonton Manning,Alberta,Conservative,2021-09-20 12:00:00 AM,']));
    const lock = await holdTableLock(cluster.url, 'audit_events');
    const slow = confirm(agent, batchId);
    await waitForBlockedBackend(inspector.knex, 'postgres');

    server.kill('SIGTERM');
    await waitFor(() => output.includes('shutting down'));
    await expect(connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await lock.release();

    const res = await slow;
    expect(res.status).toBe(303);
    expect(await exited).toBe(0);
    expect((await inspector.knex('import_batches').where({ id: batchId }).first()).status).toBe('applied');
    expect(await backendsOn(inspector.knex, 'postgres')).toBe(0);
    await expect(request(url).get('/healthz')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  async function waitFor(done: () => boolean, timeoutMs = 40_000) {
    const until = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > until) throw new Error(`Timed out; output so far:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
});

function connect(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(); }).on('error', reject);
  });
}

if (!REAL_POSTGRES) test.skip(SKIP_REASON, () => undefined);
