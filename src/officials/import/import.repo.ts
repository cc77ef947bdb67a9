import type { Db } from '../../db';
import { fold } from '../../shared/fold';
import type { Ending, ExistingOfficial, OfficialValues } from './plan';
import type { Scope } from './rows';

const COLUMNS = 'honorific, first_name, last_name, constituency, constituency_fr, province, party, email, phone, address, start_date, end_date, external_id';
const RECORD = `honorific text, first_name text, last_name text, constituency text, constituency_fr text, province text,
  party text, email text, phone text, address text, start_date date, end_date date, external_id text, constituency_key text, search_text text`;

export function scopeOfficials(db: Db, scope: Scope): Promise<ExistingOfficial[]> {
  return db('officials').where(scope).select(db.raw(`id, ${COLUMNS}`)).orderBy('id');
}

/** A digest of every official of the level and jurisdiction: it changes when any of them does. */
export async function scopeFingerprint(db: Db, scope: Scope): Promise<string> {
  const { rows } = await db.raw(
    `SELECT md5(coalesce(string_agg(o::text, '|' ORDER BY o.id), '')) AS fp FROM officials o WHERE level = ? AND jurisdiction = ?`,
    [scope.level, scope.jurisdiction],
  );
  return rows[0].fp;
}

/** Imports wait for each other: held until the transaction ends. */
export async function lockImports(trx: Db): Promise<void> {
  await trx.raw(`SELECT pg_advisory_xact_lock(hashtext('officials-import'))`);
}

/** What search and matching use, derived from what is shown. */
function derived(v: OfficialValues) {
  return {
    ...v,
    constituency_key: fold(v.constituency ?? ''),
    search_text: fold([v.first_name, v.last_name, v.constituency, v.constituency_fr].filter(Boolean).join(' ')),
  };
}

/** One statement for all the new officials, whatever their number. */
export async function insertOfficials(db: Db, scope: Scope, source: string, rows: OfficialValues[]): Promise<void> {
  if (!rows.length) return;
  await db.raw(
    `INSERT INTO officials (level, jurisdiction, source, ${COLUMNS}, constituency_key, search_text)
     SELECT ?, ?, ?, ${COLUMNS}, constituency_key, search_text FROM jsonb_to_recordset(?::jsonb) AS x(${RECORD})`,
    [scope.level, scope.jurisdiction, source, JSON.stringify(rows.map(derived))],
  );
}

export async function updateOfficials(db: Db, source: string, rows: (OfficialValues & { id: number })[]): Promise<void> {
  if (!rows.length) return;
  const sets = [...COLUMNS.split(', '), 'constituency_key', 'search_text'].map((c) => `${c} = x.${c}`).join(', ');
  // Members who change seats (a redistribution) may swap them: the one-sitting-official-per-seat
  // index is checked row by row, so their seats are first set aside under a key no seat has.
  await db.raw(
    `UPDATE officials SET constituency_key = '#' || id WHERE id = ANY(?::int[]) AND end_date IS NULL`,
    [rows.map((r) => r.id)],
  );
  await db.raw(
    `UPDATE officials o SET ${sets}, source = ?, updated_at = now()
     FROM jsonb_to_recordset(?::jsonb) AS x(id int, ${RECORD}) WHERE o.id = x.id`,
    [source, JSON.stringify(rows.map((r) => ({ ...derived(r), id: r.id })))],
  );
}

export async function endOfficials(db: Db, endings: Ending[]): Promise<void> {
  if (!endings.length) return;
  await db.raw(
    `UPDATE officials o SET end_date = x.end_date, updated_at = now()
     FROM jsonb_to_recordset(?::jsonb) AS x(id int, end_date date) WHERE o.id = x.id AND o.end_date IS NULL`,
    [JSON.stringify(endings.map((e) => ({ id: e.id, end_date: e.end_date })))],
  );
}

/** How many meetings are logged with each of these officials, for the preview's cases. */
export async function meetingCounts(db: Db, ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows: { official_id: number; n: number }[] = await db('meetings').whereIn('official_id', ids).whereNull('deleted_at')
    .groupBy('official_id').select('official_id', db.raw('count(*)::int AS n'));
  return new Map(rows.map((r) => [r.official_id, r.n]));
}

export interface BatchRow {
  id: number;
  user_id: number | null;
  user_name?: string | null;
  file_name: string;
  sha256: string;
  format: string | null;
  level: string | null;
  jurisdiction: string | null;
  /** A file of several bodies: each of them (see the migration that adds the column). */
  bodies: { level: string; jurisdiction: string; city: string | null }[] | null;
  complete: boolean;
  status: 'previewed' | 'applied' | 'refused' | 'failed' | 'superseded';
  added: number;
  updated: number;
  unchanged: number;
  ended: number;
  rejected: number;
  problems: { line: number; column?: string; reason: string; params?: Record<string, string | number> }[];
  plan: unknown;
  applied_at: string | null;
  created_at: string;
}

export async function insertBatch(db: Db, fields: Partial<BatchRow>): Promise<number> {
  const [row] = await db('import_batches')
    .insert({ ...fields, problems: JSON.stringify(fields.problems ?? []), plan: JSON.stringify(fields.plan ?? null), bodies: fields.bodies ? JSON.stringify(fields.bodies) : null })
    .returning('id');
  return row.id;
}

/** The batch; `withPlan` false leaves out its stored plan, which holds every row of the file. */
export function findBatch(db: Db, id: number, forUpdate = false, withPlan = true): Promise<BatchRow | undefined> {
  const columns = withPlan ? ['b.*'] : ['b.id', 'b.user_id', 'b.file_name', 'b.sha256', 'b.format', 'b.level', 'b.jurisdiction', 'b.bodies', 'b.complete', 'b.status',
    'b.added', 'b.updated', 'b.unchanged', 'b.ended', 'b.rejected', 'b.problems', 'b.applied_at', 'b.created_at'];
  const q = db('import_batches as b').leftJoin('users as u', 'u.id', 'b.user_id').where('b.id', id).first(...columns, 'u.name as user_name');
  return forUpdate ? q.forUpdate('b') : q;
}

export async function markBatch(db: Db, id: number, fields: Partial<BatchRow>): Promise<void> {
  await db('import_batches').where({ id }).update({ ...fields, updated_at: db.fn.now() });
}

/** The latest applied batch of the same bytes, to say "this file was already imported". */
export function lastAppliedWithSha(db: Db, sha256: string): Promise<{ id: number; applied_at: string } | undefined> {
  return db('import_batches').where({ sha256, status: 'applied' }).orderBy('applied_at', 'desc').first('id', 'applied_at');
}

export async function countBatches(db: Db): Promise<number> {
  const { rows } = await db.raw('SELECT count(*)::int AS n FROM import_batches');
  return rows[0].n;
}

export function listBatches(db: Db, offset: number, limit: number): Promise<BatchRow[]> {
  return db('import_batches as b').leftJoin('users as u', 'u.id', 'b.user_id')
    .select('b.id', 'b.file_name', 'b.format', 'b.level', 'b.jurisdiction', 'b.bodies', 'b.status', 'b.added', 'b.updated', 'b.unchanged',
      'b.ended', 'b.rejected', 'b.created_at', 'b.applied_at', 'u.name as user_name')
    .orderBy('b.created_at', 'desc').orderBy('b.id', 'desc').offset(offset).limit(limit);
}
