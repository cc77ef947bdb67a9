import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../e2e/server';

/**
 * A throwaway PostgreSQL cluster of the test's own (initdb + pg_ctl in a temp folder, on a free
 * loopback port), so that a test may restart or stop "the database server" without touching the
 * shared one other test files use. As root, the binaries run as the `postgres` OS user.
 */
export interface Cluster {
  url: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const version = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return path.join(root, version, 'bin');
}

/** Runs a server tool without blocking the event loop: the app's connections must see what happens. */
async function run(dir: string, tool: string, args: string[]) {
  const cmd = path.join(binDir(), tool);
  const asRoot = process.getuid?.() === 0;
  await promisify(execFile)(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { cwd: dir });
}

export async function startCluster(): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpt-cluster-'));
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  await run(dir, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const ctl = (...args: string[]) => run(dir, 'pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', options, ...args]);
  await ctl('start');
  // Should the test be cut short, the cluster must not outlive it.
  const leftBehind = () => {
    try { execFileSync(process.getuid?.() === 0 ? 'runuser' : path.join(binDir(), 'pg_ctl'), [...(process.getuid?.() === 0 ? ['-u', 'postgres', '--', path.join(binDir(), 'pg_ctl')] : []), '-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' }); } catch { /* already stopped */ }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', leftBehind);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => ctl('-m', 'fast', 'restart'),
    async stop() {
      process.off('exit', leftBehind);
      try { await ctl('-m', 'immediate', 'stop'); } finally { fs.rmSync(dir, { recursive: true, force: true }); }
    },
  };
}
