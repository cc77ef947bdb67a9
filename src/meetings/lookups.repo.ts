import { z } from 'zod';
import type { Db } from '../db';
import { allRows, firstRow, Id } from '../db/rows';
import { likeEscape, searchTerms } from '../shared/fold';
import type { SessionUser } from '../shared/types';
import { offeredPeople, PeopleRecord, peopleFilter } from './policy';

const text = z.string().nullable();

const CampaignChoice = z.object({ id: z.number(), name: z.string(), name_fr: z.string(), is_default: z.boolean() });

/** The campaigns a meeting can be logged under: the active ones, plus the one already chosen. */
export function campaignChoices(db: Db, includeId?: number | null): Promise<z.output<typeof CampaignChoice>[]> {
  return allRows(CampaignChoice, db('campaigns')
    .where((w) => { w.where('active', true); if (includeId) w.orWhere('id', includeId); })
    .orderBy('is_default', 'desc').orderBy('starts_on', 'desc').orderBy('id', 'desc')
    .select('id', 'name', 'name_fr', 'is_default'), 'the campaigns to log a meeting under');
}

/** The default for a new meeting: the campaign marked default, else the latest active one (its id, or no row). */
export function defaultCampaignQuery(db: Db) {
  return db('campaigns').where('active', true)
    .orderBy('is_default', 'desc').orderByRaw('starts_on desc nulls last').orderBy('id', 'desc').first('id');
}

export async function defaultCampaignId(db: Db): Promise<number | null> {
  const row = await firstRow(Id, defaultCampaignQuery(db), 'the default campaign');
  return row?.id ?? null;
}

/** A person to pick: a row of offeredPeople, or of a meeting's attendees. */
export const Person = z.object({ id: z.number(), name: z.string() });

const LocalChoice = z.object({ id: z.number(), name: z.string() });

/** The locals a coordinator can log a meeting for. */
export function localChoices(db: Db): Promise<z.output<typeof LocalChoice>[]> {
  return allRows(LocalChoice, db('locals').orderBy('name').select('id', 'name'), 'the locals to log a meeting for');
}

const Ask = z.object({ id: z.number(), campaign_id: z.number(), text: z.string(), text_fr: z.string() });

export function asksOf(db: Db, campaignIds: number[]): Promise<z.output<typeof Ask>[]> {
  return allRows(Ask, db('campaign_asks').whereIn('campaign_id', campaignIds).orderBy(['campaign_id', 'position', 'id'])
    .select('id', 'campaign_id', 'text', 'text_fr'), "the campaigns' asks");
}

/** An official as the meeting form shows them (end_date: a DATE, as text). */
const Official = z.object({
  id: z.number(), honorific: text, first_name: z.string(), last_name: z.string(), constituency: z.string(), province: text, party: text,
  end_date: text,
});
const OFFICIAL_COLUMNS = Object.keys(Official.shape);

export function officialById(db: Db, id: number): Promise<z.output<typeof Official> | undefined> {
  return firstRow(Official, db('officials').where({ id }).first(OFFICIAL_COLUMNS), 'an official for the meeting form');
}

/** Officials whose names or constituencies contain every word typed; sitting ones first. */
export async function searchOfficials(db: Db, query: string, limit = 10): Promise<z.output<typeof Official>[]> {
  const terms = searchTerms(query);
  if (!terms.length) return [];
  const q = db('officials').select(OFFICIAL_COLUMNS);
  for (const term of terms) q.whereRaw("search_text like ? escape '\\'", [`%${likeEscape(term)}%`]);
  return allRows(Official, q.orderByRaw('(end_date is null) desc').orderBy(['last_name', 'first_name', 'id']).limit(limit), 'the officials found');
}

/** The people a form offers (offeredPeople in policy.ts), read on their own. */
export function peopleChoices(db: Db, user: SessionUser, record: PeopleRecord = {}, near?: number | null): Promise<z.output<typeof Person>[]> {
  return allRows(Person, offeredPeople(db, user, record, near), 'the people to pick');
}

/** Of `ids`, those the user may pick for the record (a query of ids, for a sub-select). */
export function choosableIdsQuery(db: Db, user: SessionUser, record: PeopleRecord, ids: readonly number[]) {
  return db('users as u').whereRaw('u.id = ANY(?::int[])', [[...ids]]).modify(peopleFilter(user, record)).select('u.id');
}

/** Of `ids`, those the user may pick for the record. */
export async function choosableIds(db: Db, user: SessionUser, record: PeopleRecord, ids: readonly number[]): Promise<number[]> {
  return (await allRows(Id, choosableIdsQuery(db, user, record, ids), 'the people who may be picked')).map((r) => r.id);
}

/** Whether the user may pick this person for the record. */
export async function isChoosable(db: Db, user: SessionUser, record: PeopleRecord, personId: number): Promise<boolean> {
  return (await choosableIds(db, user, record, [personId])).length === 1;
}
