import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runScript, startScript } from '../helpers/cli';
import { freePort } from '../e2e/server';

jest.setTimeout(180_000); // the server creates its embedded database on first start

let dataDir: string;
let server: ChildProcess;
let port: number;
let output = '';
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpt-server-'));
  port = await freePort();
  // A long shutdown timeout: the server must not need it to let go of idle connections.
  server = startScript('src/server.ts', [], { DATA_DIR: dataDir, DATABASE_URL: undefined, PORT: String(port), SHUTDOWN_TIMEOUT_MS: '600000' });
  server.stdout!.on('data', (d) => { output += d; });
  server.stderr!.on('data', (d) => { output += d; });
  await waitFor(() => output.includes('listening on'), () => output);
});
afterAll(() => {
  if (server.exitCode === null) server.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the server process', () => {
  test('says where it listens and which database it uses', () => {
    expect(output).toContain(`listening on http://localhost:${port} using embedded PostgreSQL in ${path.join(dataDir, 'pgdata')}`);
  });

  test('a second process on the same embedded database is refused with a clear message', async () => {
    const second = await runScript('src/server.ts', [], { DATA_DIR: dataDir, DATABASE_URL: undefined, PORT: String(await freePort()) });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`The embedded database in ${path.join(dataDir, 'pgdata')} is already in use by another process (pid ${server.pid}).`);
    expect(second.stderr).toContain(`Stop that process first, or set DATABASE_URL to use a PostgreSQL server.`);
  });

  test('on SIGTERM it finishes the request in flight, refuses new connections, and exits 0', async () => {
    // A request whose body is still arriving is in flight until the body ends. Like a browser, the
    // client keeps its connection open after the answer, for as long as the server lets it.
    const agent = new http.Agent({ keepAlive: true });
    const request = http.request({ agent, port, host: '127.0.0.1', method: 'POST', path: '/login', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const response = new Promise<http.IncomingMessage>((resolve, reject) => request.on('response', resolve).on('error', reject));
    request.write('email=someone%40example.org');
    await new Promise((r) => setTimeout(r, 500)); // let the server take the request
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));

    server.kill('SIGTERM');
    await waitFor(() => output.includes('shutting down'), () => output);
    await expect(connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    request.end('&password=whatever');
    const res = await response;
    expect(res.statusCode).toBe(303); // answered (no user yet: to the first-run page)
    expect(res.headers.location).toBe('/setup');
    res.resume();
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
    expect(fs.existsSync(path.join(dataDir, 'pgdata.lock'))).toBe(false);
    agent.destroy();
  }, 30_000);
});

function connect(to: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(to, '127.0.0.1', () => { socket.destroy(); resolve(); }).on('error', reject);
  });
}

async function waitFor(done: () => boolean, show: () => string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`Timed out; output so far:\n${show()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
