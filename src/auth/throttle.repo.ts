import type { Db } from '../db';
import { ATTEMPTS_TABLE } from './throttle';

/**
 * Deletes the counters whose window ended more than an hour ago (they no longer count toward any
 * limit), so that the table holds only the last window's keys. The hour's margin covers clocks of
 * instances that disagree, since each instance writes `expire` from its own clock.
 */
export async function pruneLoginAttempts(db: Db, now = Date.now()): Promise<number> {
  return db(ATTEMPTS_TABLE).where('expire', '<', now - 60 * 60 * 1000).del();
}
