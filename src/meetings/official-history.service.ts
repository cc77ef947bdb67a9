import type { Db } from '../db';
import type { SessionUser } from '../shared/types';
import { commitmentsRecorded, officialMeetings, stanceTimeline } from './official-history.repo';

export type OfficialHistory = Awaited<ReturnType<typeof officialHistory>>;

/**
 * What the official's page shows of the meetings (rendered by views/meetings/_official-history.ejs):
 * the latest meetings the user may see, newest first; the stance over the latest meetings; and the
 * latest commitments the official made. The meeting list (?official=) has all of them.
 */
export async function officialHistory(db: Db, officialId: number, user: SessionUser) {
  const meetings = await officialMeetings(db, officialId, user);
  const stances = (await stanceTimeline(db, officialId)).reverse(); // oldest first, as a timeline reads
  const commitments = await commitmentsRecorded(db, officialId, user);
  return { officialId, meetings, stances, latestStance: stances.at(-1)?.stance ?? null, commitments };
}
