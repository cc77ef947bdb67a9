import type { Db } from '../db';
import { claimsForOfficial } from '../campaigns/targets.repo';
import { ClaimRow, claimsOf } from '../campaigns/targets.service';
import { historyOf, historyQueries, HistoryRows } from '../meetings/official-history.service';
import { reviveDates } from '../shared/json-rows';
import type { SessionUser } from '../shared/types';
import { findOfficialWith } from './officials.repo';

/**
 * An official's page in one statement: the official, the campaigns' claims on them and their
 * meeting history (what officialClaims and officialHistory give), read as JSON columns of the
 * official's row. Undefined when there is no such official.
 */
export async function officialPage(db: Db, user: SessionUser, officialId: number) {
  const row = await findOfficialWith(db, officialId, { claims: claimsForOfficial(db, officialId), ...historyQueries(db, officialId, user) });
  if (!row) return undefined;
  const { claims, meetings, stances, commitments, ...official } = row as Record<string, unknown> & HistoryRows & { claims: ClaimRow[] };
  return {
    official,
    claims: claimsOf(user, officialId, reviveDates(claims, ['claimed_at'])),
    history: historyOf(officialId, { meetings, stances, commitments }),
  };
}
