import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { ROOT_DIR } from '../../src/config';
import { openEmbedded, openPostgres } from '../../src/db';
import { copyOfTemplate } from './db';


export interface Run { code: number | null; stdout: string; stderr: string }

/** The environment a child process starts from: the test runner's own, minus what would mislead it. */
export function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info' };
  for (const key of ['NODE_OPTIONS', 'DATABASE_URL', 'USER_PASSWORD', 'PORT']) delete base[key];
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

/**
 * Starts a TypeScript script from the repository root as `npm run` does (tsx), in one process
 * (node --import tsx), so that its pid is the one signals reach.
 */
export function startScript(script: string, args: string[], env: Record<string, string | undefined> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT_DIR, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs a script to the end, feeding `input` on standard input, and collects what it printed. */
export function runScript(script: string, args: string[], env: Record<string, string | undefined> = {}, input = ''): Promise<Run> {
  const child = startScript(script, args, env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => { stdout += d; });
  child.stderr!.on('data', (d) => { stderr += d; });
  child.stdin!.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

export interface CliDatabase {
  /** What to add to a child's environment so that it uses this database. */
  env: Record<string, string | undefined>;
  /** Runs queries on the database while no child holds it. */
  inspect<T>(fn: (knex: Knex) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A database of this test file's own for command-line scripts: an embedded one in a temporary
 * DATA_DIR, or, with TEST_DATABASE_URL, a fresh migrated database on that server.
 */
export async function cliDatabase(): Promise<CliDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpt-cli-'));
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: undefined },
      async inspect(fn) {
        const db = await openEmbedded({ dataDir: path.join(dataDir, 'pgdata') });
        try { return await fn(db.knex); } finally { await db.close(); }
      },
      close() { fs.rmSync(dataDir, { recursive: true, force: true }); return Promise.resolve(); },
    };
  }
  const copy = await copyOfTemplate(url);
  return {
    env: { DATABASE_URL: copy.url },
    async inspect(fn) {
      const db = openPostgres(copy.url, 1);
      try { return await fn(db.knex); } finally { await db.close(); }
    },
    close: () => copy.drop(),
  };
}
