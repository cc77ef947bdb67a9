import type { Db } from '../db';
import type { SessionUser } from '../shared/types';
import { PUBLIC_COLUMNS } from './users.repo';

export interface LiveSession {
  sess: { passport?: { user?: unknown } } & Record<string, unknown>;
  /** Who is signed in on it, if anyone (still to be checked: active, sessions not ended since). */
  user?: SessionUser;
}

// Passport keeps the signed-in user's id in the session data; anything else there joins no one.
const SIGNED_IN_ID = `CASE WHEN s.sess #>> '{passport,user}' ~ '^[0-9]{1,9}$' THEN (s.sess #>> '{passport,user}')::int END`;

/**
 * A session that has not expired and, when someone is signed in on it, their user: the two reads
 * every signed-in page starts with, in one statement.
 */
export async function findLiveSession(db: Db, sid: string): Promise<LiveSession | undefined> {
  const row = await db('sessions as s')
    .joinRaw(`LEFT JOIN users u ON u.id = ${SIGNED_IN_ID}`)
    .where('s.sid', sid).where('s.expire', '>=', db.fn.now())
    .first('s.sess', ...PUBLIC_COLUMNS.map((c) => `u.${c} as user_${c}`));
  if (!row) return undefined;
  const user = row.user_id === null ? undefined
    : Object.fromEntries(PUBLIC_COLUMNS.map((c) => [c, row[`user_${c}`]])) as unknown as SessionUser;
  return { sess: row.sess, user };
}
