import { z } from 'zod';
import type { Db } from '../db';
import { readRow, rows } from '../db/one-statement';
import type { SessionUser } from '../shared/types';
import { choosableIdsQuery, defaultCampaignQuery } from './lookups.repo';
import type { PeopleRecord } from './policy';
import { sameDayMeetings } from './meetings.repo';

export interface ReferenceQuestion {
  official_id: number;
  /** undefined: the default campaign (the one marked default, else the latest active one). */
  campaign_id: number | null | undefined;
  local_id?: number | null;
  ask_ids: number[];
  people: number[];
  /** Who picks, for which record (see choosableRule in policy.ts). */
  user: SessionUser;
  record: PeopleRecord;
  /** Also list the meetings with the same official on this day (the duplicate check). */
  sameDay?: string;
}

const Facts = z.object({
  official: z.boolean(), campaign_id: z.number().nullable(), campaign: z.boolean(), local: z.boolean(),
  /** Of the asks given, those of the campaign. */
  asks: z.array(z.number()),
  /** Of the people given, those the user may pick. */
  people: z.array(z.number()),
});

const Duplicate = z.object({ id: z.number(), local_id: z.number().nullable(), logged_by: z.number().nullable(), status: z.string(), logged_by_name: z.string().nullable(),
  /** All the same-day meetings, of which only the first few are listed. */
  total: z.number() });

export type ReferenceFacts = z.output<typeof Facts> & { duplicates?: z.output<typeof Duplicate>[] };

/**
 * What a meeting form refers to, checked in one statement rather than one look-up each: whether the
 * official, campaign and local exist, which of the asks are the campaign's, which people may be picked, and
 * (for a new meeting) the same-day meetings.
 */
export async function referenceFacts(db: Db, q: ReferenceQuestion): Promise<ReferenceFacts> {
  const campaign = q.campaign_id === undefined ? defaultCampaignQuery(db) : db.raw('?::int', [q.campaign_id]);
  const facts = db.with('c', db.select(db.raw('? AS id', [campaign]))).from('c').select(
    db.raw('EXISTS (SELECT 1 FROM officials WHERE id = ?) AS official', [q.official_id]),
    'c.id as campaign_id',
    db.raw('EXISTS (SELECT 1 FROM campaigns WHERE id = c.id) AS campaign'),
    db.raw('EXISTS (SELECT 1 FROM locals WHERE id = ?) AS local', [q.local_id ?? null]),
    db.raw('ARRAY(SELECT id FROM campaign_asks WHERE campaign_id = c.id AND id = ANY(?::int[])) AS asks', [q.ask_ids]),
    db.raw('ARRAY ? AS people', [choosableIdsQuery(db, q.user, q.record, q.people)]),
  );
  const base = { schema: Facts, query: facts, name: "a meeting form's references" };
  const row = q.sameDay ? await readRow(db, base, { duplicates: rows(Duplicate, sameDayMeetings(db, q.official_id, q.sameDay)) }) : await readRow(db, base, {});
  return row!; // the CTE has one row
}
