import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Role } from '../../src/shared/types';
import { freshDataDir, startServer, RunningServer } from './server';

const ROOT = path.join(__dirname, '..', '..');

export interface DemoTracker {
  server: RunningServer;
  /** The demo users (seeds/02_users.ts) with the passwords db:seed printed. */
  users: Record<Role, { email: string; password: string }>;
}

/** The tracker on a fresh embedded database filled by `npm run db:seed`, as a newcomer would run it. */
export async function startDemoTracker(): Promise<DemoTracker> {
  const dataDir = freshDataDir();
  const printed = execFileSync('npm', ['run', '--silent', 'db:seed'], {
    cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development' }, encoding: 'utf8',
  });
  const users = {} as DemoTracker['users'];
  for (const [, role, email, password] of printed.matchAll(/^\s*(admin|coordinator|member)\s+(\S+@\S+)\s+password: (\S+)$/gm)) {
    users[role as Role] = { email, password };
  }
  if (Object.keys(users).length !== 3) throw new Error(`db:seed did not print the three demo users:\n${printed}`);
  return { server: await startServer({ DATA_DIR: dataDir }), users };
}
