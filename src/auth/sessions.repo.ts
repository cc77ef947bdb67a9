import { z } from 'zod';
import type { Db } from '../db';
import { firstRow, parseAs } from '../db/rows';
import type { SessionUser } from '../shared/types';
import { PUBLIC_COLUMNS, SessionUserRow } from './users.repo';

export interface LiveSession {
  sess: { passport?: { user?: unknown } } & Record<string, unknown>;
  /** Who is signed in on it, if anyone (still to be checked: active, sessions not ended since). */
  user?: SessionUser;
}

/** The session's data, and the user's columns prefixed with user_ (all null when no one is signed in). */
const SessionRow = z.looseObject({ sess: z.looseObject({ passport: z.looseObject({ user: z.unknown().optional() }).optional() }), user_id: z.number().nullable() });

// Passport keeps the signed-in user's id in the session data; anything else there joins no one.
const SIGNED_IN_ID = `CASE WHEN s.sess #>> '{passport,user}' ~ '^[0-9]{1,9}$' THEN (s.sess #>> '{passport,user}')::int END`;

/**
 * A session that has not expired and, when someone is signed in on it, their user: the two reads
 * every signed-in page starts with, in one statement.
 */
export async function findLiveSession(db: Db, sid: string): Promise<LiveSession | undefined> {
  const row = await firstRow(SessionRow, db('sessions as s')
    .joinRaw(`LEFT JOIN users u ON u.id = ${SIGNED_IN_ID}`)
    .where('s.sid', sid).where('s.expire', '>=', db.fn.now())
    .first('s.sess', ...PUBLIC_COLUMNS.map((c) => `u.${c} as user_${c}`)), 'a session');
  if (!row) return undefined;
  const user = row.user_id === null ? undefined
    : parseAs(SessionUserRow, Object.fromEntries(PUBLIC_COLUMNS.map((c) => [c, row[`user_${c}`]])), "a session's user");
  return { sess: row.sess, user };
}
