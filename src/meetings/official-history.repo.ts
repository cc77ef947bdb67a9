import { z } from 'zod';
import type { Db } from '../db';
import type { SessionUser } from '../shared/types';
import { meetingsFilter } from './policy';

/**
 * The most an official's page lists of each kind: the most-met MPs have thousands of meetings at
 * national scale, and the page would grow with every one; the meeting list has them all.
 */
export const HISTORY_LIMIT = 20;

const text = z.string().nullable();

/** A row of officialMeetings. */
export const OfficialMeeting = z.object({
  id: z.number(), status: z.string(), held_on: z.string(), stance: text, format: text, local_name: text, logged_by_name: text,
});

/** The official's latest meetings the user may see, newest first. */
export function officialMeetings(db: Db, officialId: number, user: SessionUser) {
  const q = db('meetings as m').leftJoin('locals as l', 'l.id', 'm.local_id').leftJoin('users as u', 'u.id', 'm.logged_by')
    .where('m.official_id', officialId).whereNull('m.deleted_at')
    .orderBy([{ column: 'm.held_on', order: 'desc' }, { column: 'm.id', order: 'desc' }])
    .limit(HISTORY_LIMIT)
    .select('m.id', 'm.status', 'm.held_on', 'm.stance', 'm.format', 'l.name as local_name', 'u.name as logged_by_name');
  return q.modify(meetingsFilter(user, 'see'));
}

/** A row of stanceTimeline. */
export const StanceRecorded = z.object({ id: z.number(), held_on: z.string(), stance: z.string(), status: z.string() });

/**
 * The stance recorded at each of the latest meetings, newest first, across every local's meetings: where the
 * official stands is campaign knowledge everyone needs, and shows no one's notes.
 */
export function stanceTimeline(db: Db, officialId: number) {
  return db('meetings').where({ official_id: officialId }).whereNull('deleted_at').whereNotNull('stance')
    .whereIn('status', ['held', 'cancelled', 'declined'])
    .orderBy([{ column: 'held_on', order: 'desc' }, { column: 'id', order: 'desc' }])
    .limit(HISTORY_LIMIT)
    .select('id', 'held_on', 'stance', 'status');
}

/** A row of commitmentsRecorded. */
export const CommitmentRecorded = z.object({
  id: z.number(), held_on: z.string(), commitment_kinds: z.array(z.string()), commitments: text, open_follow_ups: z.number(),
});

/**
 * The latest commitments recorded at the meetings the user may see, newest first, with the open
 * follow-ups on them. The condition is meetings_official_commitments_index's: keep them the same.
 */
export function commitmentsRecorded(db: Db, officialId: number, user: SessionUser) {
  const q = db('meetings as m').where('m.official_id', officialId).whereNull('m.deleted_at')
    .where((w) => w.whereRaw('cardinality(m.commitment_kinds) > 0').orWhereRaw("coalesce(m.commitments, '') <> ''"))
    .orderBy([{ column: 'm.held_on', order: 'desc' }, { column: 'm.id', order: 'desc' }])
    .select('m.id', 'm.held_on', 'm.commitment_kinds', 'm.commitments',
      db.raw('(select count(*)::int from follow_ups f where f.meeting_id = m.id and f.done_at is null) as open_follow_ups'))
    .limit(HISTORY_LIMIT);
  return q.modify(meetingsFilter(user, 'see'));
}
