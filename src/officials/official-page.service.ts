import type { Db } from '../db';
import { claimsOf, officialClaimsColumn } from '../campaigns/targets.service';
import { historyColumns, historyOf } from '../meetings/official-history.service';
import type { SessionUser } from '../shared/types';
import { findOfficialWith } from './officials.repo';

/**
 * An official's page in one statement: the official, the campaigns' claims on them and their
 * meeting history (the columns the campaigns and meetings features give for it), read as JSON columns of the
 * official's row. Undefined when there is no such official.
 */
export async function officialPage(db: Db, user: SessionUser, officialId: number) {
  const row = await findOfficialWith(db, officialId, { claims: officialClaimsColumn(db, officialId), ...historyColumns(db, officialId, user) });
  if (!row) return undefined;
  const { claims, meetings, stances, commitments, ...official } = row;
  return { official, claims: claimsOf(user, officialId, claims), history: historyOf(officialId, { meetings, stances, commitments }) };
}
