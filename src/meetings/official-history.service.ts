import type { Db } from '../db';
import { Parsed, rows } from '../db/one-statement';
import type { SessionUser } from '../shared/types';
import { CommitmentRecorded, commitmentsRecorded, OfficialMeeting, officialMeetings, StanceRecorded, stanceTimeline } from './official-history.repo';

/** The lists the history is made of, read alongside the official (officialPage). */
export type HistoryRows = Parsed<ReturnType<typeof historyColumns>>;

/** The history's lists as columns of one statement read with the official (see db/one-statement.ts). */
export function historyColumns(db: Db, officialId: number, user: SessionUser) {
  return {
    meetings: rows(OfficialMeeting, officialMeetings(db, officialId, user)),
    stances: rows(StanceRecorded, stanceTimeline(db, officialId)),
    commitments: rows(CommitmentRecorded, commitmentsRecorded(db, officialId, user)),
  };
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

