import { spawn } from 'node:child_process';
import { freePort } from '../e2e/server';
import { firstPage } from './client';
import { ROOT } from './server';

/**
 * Milliseconds from `npm start` to the sign-in page answering 200: what someone starting the tracker
 * waits for. The process (npm, tsx, node) is its own group, stopped with SIGTERM afterwards.
 */
export async function coldStart(env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, SESSION_SECRET: 'benchmark-session-secret-0123456789abcdef', LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: 'ignore',
    detached: true,
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    return await firstPage(`http://127.0.0.1:${port}`, '/login', started);
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}
