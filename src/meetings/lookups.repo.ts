import { z } from 'zod';
import type { Db } from '../db';
import { allRows, firstRow, Id } from '../db/rows';
import { likeEscape, searchTerms } from '../shared/fold';

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

/** A person to pick: a row of peopleChoicesQuery, or of a meeting's attendees. */
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

/**
 * Whom a user may pick as an attendee or an assignee (the service decides it: see peopleScope). The
 * user themself always; the active people of `localId`, or every active person with `anyone`; and
 * whoever is already on the record being changed, deactivated or not, so that an edit keeps them.
 */
export interface PeopleScope {
  self: number;
  anyone: boolean;
  localId: number | null;
  /** People already on the record (a follow-up's current assignee). */
  already?: number[];
  /** The meeting being changed: its attendees and its follow-ups' assignees are on the record. */
  meetingId?: number;
}

/** The ids of the people on a meeting's record: its attendees and its follow-ups' assignees. */
function onRecord(db: Db, meetingId: number) {
  return db('meeting_attendees').where('meeting_id', meetingId).select('user_id')
    .union(db('follow_ups').where('meeting_id', meetingId).whereNotNull('assignee_id').select('assignee_id'));
}

/**
 * The people a form offers, by name: the user's own local's active people when they have a local
 * (a coordinator may pick anyone, but a list of every account at national scale would be
 * megabytes), every active person for national staff, and those on the record. A union, so that a
 * local's names come from users_active_local_name_index alone.
 */
export function peopleChoicesQuery(db: Db, scope: PeopleScope) {
  const q = db('users').whereRaw('id = ANY(?::int[])', [[scope.self, ...(scope.already ?? [])]]).select('id', 'name');
  if (scope.localId || scope.anyone) {
    q.union(db('users').where('active', true).modify((a) => { if (scope.localId) a.where('local_id', scope.localId); }).select('id', 'name'));
  }
  if (scope.meetingId) q.union(db('users').whereIn('id', onRecord(db, scope.meetingId)).select('id', 'name'));
  return q.orderBy('name');
}

/** The people a form offers (peopleChoicesQuery), read on their own. */
export function peopleChoices(db: Db, scope: PeopleScope): Promise<z.output<typeof Person>[]> {
  return allRows(Person, peopleChoicesQuery(db, scope), 'the people to pick');
}

/** Of `ids`, those the scope lets the user pick (a query of ids, for a sub-select). */
export function choosableIdsQuery(db: Db, scope: PeopleScope, ids: number[]) {
  return db('users').whereRaw('id = ANY(?::int[])', [ids]).where((w) => {
    w.whereRaw('id = ANY(?::int[])', [[scope.self, ...(scope.already ?? [])]]);
    if (scope.anyone) w.orWhere('active', true);
    else if (scope.localId) w.orWhere((a) => a.where('active', true).where('local_id', scope.localId));
    if (scope.meetingId) w.orWhereIn('id', onRecord(db, scope.meetingId));
  }).select('id');
}

/** Of `ids`, those the scope lets the user pick. */
export async function choosableIds(db: Db, scope: PeopleScope, ids: number[]): Promise<number[]> {
  return (await allRows(Id, choosableIdsQuery(db, scope, ids), 'the people who may be picked')).map((r) => r.id);
}

/** Whether the scope lets the user pick this person. */
export async function isChoosable(db: Db, scope: PeopleScope, personId: number): Promise<boolean> {
  return (await choosableIds(db, scope, [personId])).length === 1;
}
