import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEmbedded } from '../../src/db';
import { takeLock, DatabaseLockedError } from '../../src/db/embedded-lock';

/**
 * The embedded database's lock file names its holder by pid, start time and boot id, so that a lock
 * left by a killed tracker never keeps the next one out — even when the pid has been reused.
 */
const hasProc = fs.existsSync('/proc/self/stat');
const startTime = (pid: number) => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
};
const bootId = () => fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

let folder: string;
let dataDir: string;
let lockFile: string;
let other: ChildProcess;
beforeAll(async () => {
  // Another live process, as a second tracker would be.
  other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((resolve) => other.once('spawn', resolve));
});
afterAll(() => { other.kill('SIGKILL'); });
beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mpt-lock-'));
  dataDir = path.join(folder, 'pgdata');
  lockFile = `${dataDir}.lock`;
});
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

const refusal = () => `The embedded database in ${dataDir} is already in use by another process (pid ${other.pid}). ` +
  'Stop that process first, or set DATABASE_URL to use a PostgreSQL server.';
const lockOf = (holder: object | number) => fs.writeFileSync(lockFile, JSON.stringify(holder));

test('a lock naming our own pid was left by an earlier life of this tracker (pid 1 in a container): start succeeds', async () => {
  lockOf({ pid: process.pid, startTime: '1', bootId: 'an earlier boot' });
  const database = await openEmbedded({ dataDir });
  try {
    expect((await database.knex.raw('select 1 as one')).rows).toEqual([{ one: 1 }]);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
  } finally {
    await database.close();
  }
  expect(fs.existsSync(lockFile)).toBe(false);
}, 60_000);

test('the same folder opened twice in one process is still refused', () => {
  const release = takeLock(dataDir);
  try {
    expect(() => takeLock(dataDir)).toThrow(DatabaseLockedError);
  } finally {
    release();
  }
});

(hasProc ? describe : describe.skip)('with /proc', () => {
  test('the lock records the pid, the start time and the boot id', () => {
    const release = takeLock(dataDir);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toEqual({ pid: process.pid, startTime: startTime(process.pid), bootId: bootId() });
    release();
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  test('a live process with the pid but another start time is not the holder: the lock is stale', () => {
    lockOf({ pid: other.pid, startTime: String(Number(startTime(other.pid!)) + 1), bootId: bootId() });
    takeLock(dataDir)();
  });

  test('a lock from another boot is stale, whatever runs under its pid now', () => {
    lockOf({ pid: other.pid, startTime: startTime(other.pid!), bootId: '00000000-0000-0000-0000-000000000000' });
    takeLock(dataDir)();
  });

  test('a lock held by a live process is refused with the plain message', () => {
    lockOf({ pid: other.pid, startTime: startTime(other.pid!), bootId: bootId() });
    expect(() => takeLock(dataDir)).toThrow(refusal());
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(other.pid); // left alone
  });

  test('a lock file of the earlier format (a bare pid) is read: refused while that process lives, stale once it is gone', () => {
    fs.writeFileSync(lockFile, String(other.pid));
    expect(() => takeLock(dataDir)).toThrow(refusal());
    fs.writeFileSync(lockFile, '999999999');
    takeLock(dataDir)();
  });
});

describe('without /proc (another operating system)', () => {
  const noProc = { procDir: path.join(os.tmpdir(), 'no-proc-here') };

  test('the pid alone decides: our own pid is stale, a live one holds the lock, a dead one does not', () => {
    lockOf(process.pid);
    takeLock(dataDir, noProc)();
    lockOf({ pid: other.pid, startTime: '123', bootId: 'whatever' });
    expect(() => takeLock(dataDir, noProc)).toThrow(refusal());
    lockOf({ pid: 999999999 });
    takeLock(dataDir, noProc)();
  });

  test('it writes a lock with the pid alone', () => {
    const release = takeLock(dataDir, noProc);
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toEqual({ pid: process.pid });
    release();
  });
});

test('a lock file that is not one of ours (empty, garbage) is stale', () => {
  fs.writeFileSync(lockFile, '');
  takeLock(dataDir)();
  fs.writeFileSync(lockFile, '{"holder": "someone"}');
  takeLock(dataDir)();
});
