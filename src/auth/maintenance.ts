import type { Db } from '../db';
import type { Logger } from '../shared/logger';
import { pruneLoginFailures } from './throttle.repo';

const HOUR = 60 * 60 * 1000;

/**
 * Housekeeping a server does while it runs: failed sign-ins older than a day no longer count
 * toward any limit, so they are deleted rather than left to grow. Returns a function that stops it.
 */
export function startMaintenance(db: Db, logger: Logger): () => void {
  const run = () => pruneLoginFailures(db).catch((err) => logger.warn({ err }, 'pruning failed sign-ins failed'));
  void run();
  const timer = setInterval(run, HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
