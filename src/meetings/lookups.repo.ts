import type { Db } from '../db';
import { likeEscape, searchTerms } from '../shared/fold';

/** The campaigns a meeting can be logged under: the active ones, plus the one already chosen. */
export function campaignChoices(db: Db, includeId?: number | null) {
  return db('campaigns')
    .where((w) => { w.where('active', true); if (includeId) w.orWhere('id', includeId); })
    .orderBy('is_default', 'desc').orderBy('starts_on', 'desc').orderBy('id', 'desc')
    .select('id', 'name', 'is_default');
}

/** The default for a new meeting: the campaign marked default, else the latest active one (its id, or no row). */
export function defaultCampaignQuery(db: Db) {
  return db('campaigns').where('active', true)
    .orderBy('is_default', 'desc').orderByRaw('starts_on desc nulls last').orderBy('id', 'desc').first('id');
}

export async function defaultCampaignId(db: Db): Promise<number | null> {
  const row = await defaultCampaignQuery(db);
  return row?.id ?? null;
}

/** The locals a coordinator can log a meeting for. */
export function localChoices(db: Db) {
  return db('locals').orderBy('name').select('id', 'name');
}

export function asksOf(db: Db, campaignIds: number[]) {
  return db('campaign_asks').whereIn('campaign_id', campaignIds).orderBy(['campaign_id', 'position', 'id'])
    .select('id', 'campaign_id', 'text');
}

export function officialById(db: Db, id: number) {
  return db('officials').where({ id })
    .first('id', 'honorific', 'first_name', 'last_name', 'constituency', 'province', 'party', 'end_date');
}

/** Officials whose names or constituencies contain every word typed; sitting ones first. */
export function searchOfficials(db: Db, query: string, limit = 10) {
  const terms = searchTerms(query);
  if (!terms.length) return Promise.resolve([]);
  const q = db('officials').select('id', 'honorific', 'first_name', 'last_name', 'constituency', 'province', 'party', 'end_date');
  for (const term of terms) q.whereRaw("search_text like ? escape '\\'", [`%${likeEscape(term)}%`]);
  return q.orderByRaw('(end_date is null) desc').orderBy(['last_name', 'first_name', 'id']).limit(limit);
}

/**
 * The members who can be picked as attendees or assignees: the active users of the local (all
 * active users when there is no local, i.e. for national staff), plus any already picked. A union,
 * so that the local's names come from users_active_local_name_index alone.
 */
export function peopleChoices(db: Db, localId: number | null, alsoIds: number[] = []) {
  const q = db('users').where('active', true).modify((a) => { if (localId) a.where('local_id', localId); }).select('id', 'name');
  if (alsoIds.length) q.union(db('users').whereIn('id', alsoIds).select('id', 'name'));
  return q.orderBy('name');
}

export async function existingUserIds(db: Db, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db('users').whereIn('id', ids).select('id');
  return new Set(rows.map((r) => r.id));
}
