import type { Knex } from 'knex';
import { isCode, PROVINCES } from '../vocab/vocab';
import { id, isoDate, MAX_LENGTH, text } from './validation';

/** The filters the dashboard, the meeting list and the reports share; they live in the URL. */
export interface ActivityFilters {
  campaign_id?: number;
  province?: string;
  party?: string;
  local_id?: number;
  from?: string;
  to?: string;
}

export type FilterResult = { ok: true; value: ActivityFilters } | { ok: false; errors: Record<string, string> };

/** Reads ?campaign=&province=&party=&local=&from=&to= ; a malformed value is an error, not ignored. */
export function parseActivityFilters(query: Record<string, unknown>): FilterResult {
  const errors: Record<string, string> = {};
  const value: ActivityFilters = {};
  const read = (key: string) => text(query[key]);
  if (read('campaign')) {
    value.campaign_id = id(read('campaign'));
    if (value.campaign_id === undefined) errors.campaign = 'shared:filters.badCampaign';
  }
  if (read('local')) {
    value.local_id = id(read('local'));
    if (value.local_id === undefined) errors.local = 'shared:filters.badLocal';
  }
  if (read('province')) {
    const p = read('province').toUpperCase();
    if (isCode(PROVINCES, p)) value.province = p;
    else errors.province = 'shared:filters.badProvince';
  }
  if (read('party')) value.party = read('party').slice(0, MAX_LENGTH.name);
  for (const key of ['from', 'to'] as const) {
    if (read(key)) {
      value[key] = isoDate(read(key));
      if (value[key] === undefined) errors[key] = 'shared:filters.badDate';
    }
  }
  if (value.from && value.to && value.from > value.to) errors.to = 'shared:filters.toBeforeFrom';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

/**
 * The instant a day (YYYY-MM-DD) ends in the tracker's time zone, as SQL: what "as it stood on that
 * day" compares timestamps with, for the dashboard's follow-ups and the list they open.
 */
export const endOfDay = (db: Knex, day: string) => db.raw("((?::date + 1)::timestamp AT TIME ZONE 'America/Toronto')", [day]);

/** A calendar month written YYYY-MM (e.g. ?month=2026-03), as its first and last days, or undefined. */
export function parseMonth(value: unknown): { month: string; from: string; to: string } | undefined {
  const s = text(value);
  const match = /^(\d{4})-(\d{2})$/.exec(s);
  if (!match) return undefined;
  const [year, month] = [Number(match[1]), Number(match[2])];
  if (month < 1 || month > 12 || year < 1900) return undefined;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { month: s, from: `${s}-01`, to: `${s}-${String(last).padStart(2, '0')}` };
}

/** The filters back as query-string parameters, for links that keep them. */
export function filterParams(f: ActivityFilters): Record<string, string | number | undefined> {
  return { campaign: f.campaign_id, province: f.province, party: f.party, local: f.local_id, from: f.from, to: f.to };
}

/**
 * Narrows a query on meetings (aliased `m`) joined to officials (aliased `o`) by the filters.
 * The date range applies to the meeting's date.
 */
export function applyActivityFilters<T extends Knex.QueryBuilder>(q: T, f: ActivityFilters): T {
  if (f.campaign_id) q.where('m.campaign_id', f.campaign_id);
  if (f.province) q.where('o.province', f.province);
  if (f.party) q.where('o.party', f.party);
  if (f.local_id) q.where('m.local_id', f.local_id);
  if (f.from) q.where('m.held_on', '>=', f.from);
  if (f.to) q.where('m.held_on', '<=', f.to);
  return q;
}
