import type { Db } from '../db';
import type { Logger } from '../shared/logger';
import { pruneLoginAttempts } from './throttle.repo';

const HOUR = 60 * 60 * 1000;

/**
 * Housekeeping a server does while it runs: counters of sign-in attempts whose window has ended no
 * longer count toward any limit, so they are deleted rather than left to grow. Returns a function
 * that stops it.
 */
export function startMaintenance(db: Db, logger: Logger): () => void {
  const run = () => pruneLoginAttempts(db).catch((err) => logger.warn({ err }, 'pruning sign-in attempts failed'));
  void run();
  const timer = setInterval(run, HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
