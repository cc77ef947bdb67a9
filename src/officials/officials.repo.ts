import type { Knex } from 'knex';
import type { Db } from '../db';
import { z } from 'zod';
import { Columns, readRow, timestamp } from '../db/one-statement';
import { allRows, Count, firstRow } from '../db/rows';
import { likeEscape, searchTerms } from '../shared/fold';
import type { DirectoryQuery } from './officials.validate';
import { councilCity } from './councils.repo';

const text = z.string().nullable();

/** An official as the directory lists them (start_date, end_date: DATEs, as text). */
const DirectoryRow = z.object({
  id: z.number(), level: z.string(), jurisdiction: z.string(), honorific: text, first_name: z.string(), last_name: z.string(),
  constituency: z.string(), constituency_fr: text, province: text, party: text, start_date: text, end_date: text,
});

const LIST_COLUMNS = Object.keys(DirectoryRow.shape);

function filtered(db: Db, f: DirectoryQuery): Knex.QueryBuilder {
  const q = db('officials');
  // Each word must appear in the folded names or ridings (both languages), in any order.
  for (const term of searchTerms(f.q)) q.whereRaw(`search_text LIKE ? ESCAPE '\\'`, [`%${likeEscape(term)}%`]);
  if (f.level) q.where('level', f.level);
  if (f.province) q.where('province', f.province);
  if (f.party) q.where('party', f.party);
  if (f.status === 'sitting') q.whereNull('end_date');
  if (f.status === 'former') q.whereNotNull('end_date');
  return q;
}

export async function countOfficials(db: Db, f: DirectoryQuery): Promise<number> {
  const row = await firstRow(Count, filtered(db, f).first(db.raw('count(*)::int AS n')), 'the count of officials');
  return row?.n ?? 0;
}

/** A page of the directory; French readers get ridings sorted by their French name. */
export function listOfficials(db: Db, f: DirectoryQuery, lang: string, offset: number, limit: number): Promise<z.output<typeof DirectoryRow>[]> {
  const riding = lang === 'fr' ? 'coalesce(constituency_fr, constituency)' : 'constituency';
  const order: Record<DirectoryQuery['sort'], string> = {
    name: 'lower(last_name), lower(first_name)',
    constituency: `lower(${riding}), lower(last_name)`,
    province: 'province NULLS LAST, lower(last_name), lower(first_name)',
    party: 'party NULLS LAST, lower(last_name), lower(first_name)',
  };
  return allRows(DirectoryRow, filtered(db, f).select(LIST_COLUMNS).orderByRaw(`${order[f.sort]}, id`).offset(offset).limit(limit), 'a page of the directory');
}

/** No official at all, sitting or former: the directory offers the bundled list. */
export async function directoryIsEmpty(db: Db): Promise<boolean> {
  const row: unknown = await db('officials').first('id');
  return row === undefined;
}

/** Parties as stored, for the filter's choices. */
export async function partiesInUse(db: Db): Promise<string[]> {
  const rows = await allRows(z.object({ party: z.string() }), db('officials').whereNotNull('party').distinct('party').orderBy('party'), 'the parties in use');
  return rows.map((r) => r.party);
}

const OFFICIAL_COLUMNS = ['id', 'level', 'jurisdiction', 'honorific', 'first_name', 'last_name', 'constituency', 'constituency_fr',
  'province', 'party', 'email', 'phone', 'address', 'start_date', 'end_date', 'source', 'created_at', 'updated_at'];

/** An official's row as OFFICIAL_COLUMNS reads it. */
export const OfficialRow = z.object({
  id: z.number(), level: z.string(), jurisdiction: z.string(), honorific: text, first_name: z.string(), last_name: z.string(),
  constituency: z.string(), constituency_fr: text, province: text, party: text, email: text, phone: text, address: text,
  start_date: text, end_date: text, source: text, created_at: timestamp, updated_at: timestamp, council_city: text,
});

/** The official with `columns` read alongside (lists as JSON arrays): a page in one prepared statement. Undefined when there is no such official. */
export function findOfficialWith<C extends Columns>(db: Db, id: number, columns: C) {
  return readRow(db, { schema: OfficialRow, query: db('officials').where({ id }).select([...OFFICIAL_COLUMNS, councilCity(db, 'officials.jurisdiction')]), name: "an official's page" }, columns);
}
