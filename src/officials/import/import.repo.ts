import type { Knex } from 'knex';
import { z } from 'zod';
import type { Db } from '../../db';
import { timestamp } from '../../db/one-statement';
import { allRows, Count, firstRow, Id, rawRows } from '../../db/rows';
import { fold } from '../../shared/fold';
import type { Ending, ExistingOfficial, OfficialValues } from './plan';
import type { Scope } from './rows';
import { StoredPlan } from './stored-plan';
import { stringifyInTurns } from './turns';

const COLUMNS = 'honorific, first_name, last_name, constituency, constituency_fr, province, party, email, phone, address, start_date, end_date, external_id';
const RECORD = `honorific text, first_name text, last_name text, constituency text, constituency_fr text, province text,
  party text, email text, phone text, address text, start_date date, end_date date, external_id text, constituency_key text, search_text text`;

const column = z.string().nullable();

/** An official of the scope as the plan compares them: id and COLUMNS. */
const Existing = z.object({
  id: z.number(), honorific: column, first_name: column, last_name: column, constituency: column, constituency_fr: column, province: column,
  party: column, email: column, phone: column, address: column, start_date: column, end_date: column, external_id: column,
}) satisfies z.ZodType<ExistingOfficial>;

export function scopeOfficials(db: Db, scope: Scope): Promise<ExistingOfficial[]> {
  return allRows(Existing, db('officials').where(scope).select(db.raw(`id, ${COLUMNS}`)).orderBy('id'), "the import's officials");
}

/** A digest of every official of the level and jurisdiction: it changes when any of them does. */
export async function scopeFingerprint(db: Db, scope: Scope): Promise<string> {
  const rows = await rawRows(z.object({ fp: z.string() }), db.raw(
    `SELECT md5(coalesce(string_agg(o::text, '|' ORDER BY o.id), '')) AS fp FROM officials o WHERE level = ? AND jurisdiction = ?`,
    [scope.level, scope.jurisdiction],
  ), "the import's fingerprint");
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
  const rows = await allRows(z.object({ official_id: z.number(), n: z.number() }), db('meetings').whereIn('official_id', ids).whereNull('deleted_at')
    .groupBy('official_id').select('official_id', db.raw('count(*)::int AS n')), 'the meetings of the import\'s cases');
  return new Map(rows.map((r) => [r.official_id, r.n]));
}

/** A batch as the list of imports shows it (listBatches). */
const BatchSummary = z.object({
  id: z.number(), file_name: z.string(), format: z.string().nullable(), level: z.string().nullable(), jurisdiction: z.string().nullable(),
  /** A file of several bodies: each of them (see the migration that adds the column). */
  bodies: z.array(z.object({ level: z.string(), jurisdiction: z.string(), city: z.string().nullable() })).nullable(),
  status: z.enum(['previewed', 'applied', 'refused', 'failed', 'superseded']),
  added: z.number(), updated: z.number(), unchanged: z.number(), ended: z.number(), rejected: z.number(),
  created_at: timestamp, applied_at: timestamp.nullable(), user_name: z.string().nullable(),
});

const Problem = z.object({ line: z.number(), column: z.string().optional(), reason: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });

/** A batch as findBatch reads it: its plan only when asked for. */
const Batch = BatchSummary.extend({
  user_id: z.number().nullable(), sha256: z.string(), complete: z.boolean(), problems: z.array(Problem), plan: StoredPlan.nullable().optional(),
});
export type BatchRow = z.output<typeof Batch>;

/** What a batch is written with: its plan as it is stored (JSON), the time of its application as the database's. */
export type BatchFields = Partial<Omit<BatchRow, 'plan' | 'applied_at'>> & { plan?: unknown; applied_at?: Knex.Raw };

export async function insertBatch(db: Db, fields: BatchFields): Promise<number> {
  const [row] = await allRows(Id, db('import_batches')
    .insert({ ...fields, problems: JSON.stringify(fields.problems ?? []), plan: await stringifyInTurns(fields.plan ?? null), bodies: fields.bodies ? JSON.stringify(fields.bodies) : null })
    .returning('id'), 'a new import batch');
  return row.id;
}

const SUMMARY_COLUMNS = ['b.id', 'b.user_id', 'b.file_name', 'b.sha256', 'b.format', 'b.level', 'b.jurisdiction', 'b.bodies', 'b.complete', 'b.status',
  'b.added', 'b.updated', 'b.unchanged', 'b.ended', 'b.rejected', 'b.problems', 'b.applied_at', 'b.created_at'];

/** The batch; `withPlan` false leaves out its stored plan, which holds every row of the file. */
export function findBatch(db: Db, id: number, forUpdate = false, withPlan = true): Promise<BatchRow | undefined> {
  const q = db('import_batches as b').leftJoin('users as u', 'u.id', 'b.user_id').where('b.id', id)
    .first(...(withPlan ? ['b.*'] : SUMMARY_COLUMNS), 'u.name as user_name');
  return firstRow(Batch, forUpdate ? q.forUpdate('b') : q, withPlan ? 'an import batch with its plan' : 'an import batch');
}

export async function markBatch(db: Db, id: number, fields: BatchFields): Promise<void> {
  await db('import_batches').where({ id }).update({ ...fields, updated_at: db.fn.now() });
}

const Applied = z.object({ id: z.number(), applied_at: timestamp });

/** The latest applied batch of the same bytes, to say "this file was already imported". */
export function lastAppliedWithSha(db: Db, sha256: string): Promise<z.output<typeof Applied> | undefined> {
  return firstRow(Applied, db('import_batches').where({ sha256, status: 'applied' }).orderBy('applied_at', 'desc').first('id', 'applied_at'), 'the last import of the same file');
}

export async function countBatches(db: Db): Promise<number> {
  const rows = await rawRows(Count, db.raw('SELECT count(*)::int AS n FROM import_batches'), 'the count of import batches');
  return rows[0].n;
}

export function listBatches(db: Db, offset: number, limit: number): Promise<z.output<typeof BatchSummary>[]> {
  return allRows(BatchSummary, db('import_batches as b').leftJoin('users as u', 'u.id', 'b.user_id')
    .select('b.id', 'b.file_name', 'b.format', 'b.level', 'b.jurisdiction', 'b.bodies', 'b.status', 'b.added', 'b.updated', 'b.unchanged',
      'b.ended', 'b.rejected', 'b.created_at', 'b.applied_at', 'u.name as user_name')
    .orderBy('b.created_at', 'desc').orderBy('b.id', 'desc').offset(offset).limit(limit), 'a page of import batches');
}
