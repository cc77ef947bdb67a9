import { spawn, execFileSync, ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../e2e/server';

export const ROOT = path.join(__dirname, '..', '..');

export interface Child {
  url: string;
  pid: number;
  /** The running process, for a caller that reads its output after start (bench:hostile). */
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Compiles the tracker once (`npm run build`), as production runs it. */
export function buildProduction(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** Starts a process and resolves when a line of its output contains `ready`. */
export function startProcess(command: string, args: string[], env: Record<string, string>, ready: string, port: number): Promise<Child> {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a half-started server behind
      reject(new Error(`${command} did not start:\n${output}`));
    }, 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${port}`, pid: child.pid!, process: child, stop: () => stop(child) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${command} exited (${code}):\n${output}`)); });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The compiled tracker in production mode on the given database (or embedded with DATA_DIR). */
export async function startTracker(env: Record<string, string>, nodeArgs: string[] = []): Promise<Child> {
  const port = await freePort();
  return startProcess('node', [...nodeArgs, 'dist/src/server.js'], {
    NODE_ENV: env.DATABASE_URL ? 'production' : 'development',
    SESSION_SECRET: 'benchmark-session-secret-0123456789abcdef',
    LOG_LEVEL: 'info',
    PORT: String(port),
    ...env,
  }, 'listening on', port);
}
