import type { Db } from '../db';
import { jsonRows } from '../shared/json-rows';
import { prepared } from '../db/prepared';
import { choosableIds, defaultCampaignQuery, PeopleScope } from './lookups.repo';
import { sameDayMeetings } from './meetings.repo';

export interface ReferenceQuestion {
  official_id: number;
  /** undefined: the default campaign (the one marked default, else the latest active one). */
  campaign_id: number | null | undefined;
  local_id?: number | null;
  ask_ids: number[];
  people: number[];
  /** Whom the user may pick (see peopleScope). */
  scope: PeopleScope;
  /** Also list the meetings with the same official on this day (the duplicate check). */
  sameDay?: string;
}

export interface ReferenceFacts {
  official: boolean;
  campaign_id: number | null;
  campaign: boolean;
  local: boolean;
  /** Of the asks given, those of the campaign. */
  asks: number[];
  /** Of the people given, those the user may pick. */
  people: number[];
  duplicates?: { id: number; local_id: number | null; logged_by: number | null; status: string; logged_by_name: string | null }[];
}

/**
 * What a meeting form refers to, checked in one statement rather than one look-up each: whether the
 * official, campaign and local exist, which of the asks are the campaign's, which people may be picked, and
 * (for a new meeting) the same-day meetings.
 */
export async function referenceFacts(db: Db, q: ReferenceQuestion): Promise<ReferenceFacts> {
  const campaign = q.campaign_id === undefined ? defaultCampaignQuery(db) : db.raw('?::int', [q.campaign_id]);
  const row = await prepared(db.with('c', db.select(db.raw('? AS id', [campaign])))
    .from('c')
    .first(
      db.raw('EXISTS (SELECT 1 FROM officials WHERE id = ?) AS official', [q.official_id]),
      'c.id as campaign_id',
      db.raw('EXISTS (SELECT 1 FROM campaigns WHERE id = c.id) AS campaign'),
      db.raw('EXISTS (SELECT 1 FROM locals WHERE id = ?) AS local', [q.local_id ?? null]),
      db.raw('ARRAY(SELECT id FROM campaign_asks WHERE campaign_id = c.id AND id = ANY(?::int[])) AS asks', [q.ask_ids]),
      db.raw('ARRAY ? AS people', [choosableIds(db, q.scope, q.people)]),
      ...(q.sameDay ? [jsonRows(db, sameDayMeetings(db, q.official_id, q.sameDay), 'duplicates')] : []),
    ));
  return row;
}
