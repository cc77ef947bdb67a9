import type { Db } from '../db';
import { Parsed, rows } from '../db/one-statement';
import type { SessionUser } from '../shared/types';
import { CommitmentRecorded, commitmentsRecorded, OfficialMeeting, officialMeetings, StanceRecorded, stanceTimeline } from './official-history.repo';

/** The lists the history is made of, read by officialHistory or alongside the official (officialPage). */
export type HistoryRows = Parsed<ReturnType<typeof historyColumns>>;

export type OfficialHistory = ReturnType<typeof historyOf>;

/** The queries of the history, for reading them in one statement with the official. */
export function historyQueries(db: Db, officialId: number, user: SessionUser) {
  return { meetings: officialMeetings(db, officialId, user), stances: stanceTimeline(db, officialId), commitments: commitmentsRecorded(db, officialId, user) };
}

/** The history's lists as columns of one statement read with the official (see db/one-statement.ts). */
export function historyColumns(db: Db, officialId: number, user: SessionUser) {
  const q = historyQueries(db, officialId, user);
  return { meetings: rows(OfficialMeeting, q.meetings), stances: rows(StanceRecorded, q.stances), commitments: rows(CommitmentRecorded, q.commitments) };
}

/**
 * What the official's page shows of the meetings (rendered by views/meetings/_official-history.ejs):
 * the latest meetings the user may see, newest first; the stance over the latest meetings; and the
 * latest commitments the official made. The meeting list (?official=) has all of them.
 */
export function historyOf(officialId: number, rows: HistoryRows) {
  const stances = [...rows.stances].reverse(); // oldest first, as a timeline reads
  return { officialId, meetings: rows.meetings, stances, latestStance: stances.at(-1)?.stance ?? null, commitments: rows.commitments };
}

export async function officialHistory(db: Db, officialId: number, user: SessionUser): Promise<OfficialHistory> {
  const q = historyQueries(db, officialId, user);
  return historyOf(officialId, { meetings: await q.meetings, stances: await q.stances, commitments: await q.commitments });
}
