import fs from 'node:fs';
import path from 'node:path';

export class DatabaseLockedError extends Error {}

/** Who holds the lock: a pid alone names a process only until it dies and the pid is reused. */
interface Holder {
  pid: number;
  /** The process's start time (field 22 of /proc/<pid>/stat, clock ticks since boot). */
  startTime?: string;
  /** The kernel's boot id: a lock from before a reboot names no running process. */
  bootId?: string;
}

export interface LockOptions {
  /** Where the process table is (tests point it at a folder with no /proc in it). */
  procDir?: string;
}

/** Data folders this process has open: the one case where our own pid in a lock file is not stale. */
const heldHere = new Set<string>();

/**
 * Two processes on one PGlite data folder silently lose writes, so the second one is refused. The
 * lock names its holder by pid, start time and boot id, so that a lock left by a killed tracker is
 * seen as stale even when the pid is reused — most often by the tracker itself, restarted as pid 1
 * in a container.
 */
export function takeLock(dataDir: string, options: LockOptions = {}): () => void {
  const procDir = options.procDir ?? '/proc';
  const key = path.resolve(dataDir);
  if (heldHere.has(key)) throw lockedError(dataDir, process.pid);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const lockFile = `${dataDir}.lock`;
  const me: Holder = { pid: process.pid, startTime: startTimeOf(procDir, process.pid), bootId: bootId(procDir) };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (createWith(lockFile, JSON.stringify(me))) {
      heldHere.add(key);
      return () => {
        heldHere.delete(key);
        fs.rmSync(lockFile, { force: true });
      };
    }
    const holder = readHolder(lockFile);
    if (holder && isRunning(holder, procDir)) throw lockedError(dataDir, holder.pid);
    fs.rmSync(lockFile, { force: true }); // left by a process that died
  }
  throw new DatabaseLockedError(`Could not lock the embedded database in ${dataDir}.`);
}

function lockedError(dataDir: string, pid: number): DatabaseLockedError {
  return new DatabaseLockedError(
    `The embedded database in ${dataDir} is already in use by another process (pid ${pid}). ` +
      'Stop that process first, or set DATABASE_URL to use a PostgreSQL server.',
  );
}

/**
 * Creates the lock file with its content in one step (a hard link of a written temporary file), so
 * that no other process ever reads it half-written and takes it for stale. False if it exists.
 */
function createWith(lockFile: string, content: string): boolean {
  const temporary = `${lockFile}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  try {
    fs.linkSync(temporary, lockFile);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** The holder a lock file names: JSON, or a bare pid (written by earlier versions). */
function readHolder(lockFile: string): Holder | undefined {
  let text: string;
  try {
    text = fs.readFileSync(lockFile, 'utf8').slice(0, 1000);
  } catch {
    return undefined; // removed meanwhile
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'number') return { pid: parsed };
    if (parsed && typeof parsed === 'object') {
      const { pid, startTime, bootId } = parsed as Record<string, unknown>;
      if (typeof pid === 'number') {
        return { pid, startTime: typeof startTime === 'string' ? startTime : undefined, bootId: typeof bootId === 'string' ? bootId : undefined };
      }
    }
  } catch {
    // not a lock this program wrote: stale
  }
  return undefined;
}

/**
 * Whether the lock's holder still runs. Our own pid is never another process; where /proc tells
 * more than the pid, a different boot or start time means the pid now names someone else.
 */
function isRunning(holder: Holder, procDir: string): boolean {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0 || holder.pid === process.pid) return false;
  const currentBoot = bootId(procDir);
  if (holder.bootId && currentBoot && holder.bootId !== currentBoot) return false;
  if (holder.startTime && fs.existsSync(path.join(procDir, 'self'))) return startTimeOf(procDir, holder.pid) === holder.startTime;
  return pidExists(holder.pid);
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat; fields are counted after the command name, which may hold spaces and parentheses. */
function startTimeOf(procDir: string, pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(path.join(procDir, String(pid), 'stat'), 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function bootId(procDir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(procDir, 'sys/kernel/random/boot_id'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
