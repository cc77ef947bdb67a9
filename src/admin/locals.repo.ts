import { z } from 'zod';
import type { Db } from '../db';
import { allRows, firstRow } from '../db/rows';

export const LocalRow = z.object({ id: z.number(), name: z.string(), union_name: z.string().nullable(), province: z.string().nullable() });
export type LocalRow = z.output<typeof LocalRow>;

export type LocalFields = Omit<LocalRow, 'id'>;

const COLUMNS = Object.keys(LocalRow.shape);

const WithUsers = LocalRow.extend({ users: z.number() });

/** Every local with how many users belong to it, counted in SQL. */
export function listLocalsWithCounts(db: Db): Promise<z.output<typeof WithUsers>[]> {
  return allRows(WithUsers, db('locals as l')
    .leftJoin('users as u', 'u.local_id', 'l.id')
    .groupBy('l.id')
    .orderByRaw('lower(l.name)')
    .select('l.id', 'l.name', 'l.union_name', 'l.province', db.raw('count(u.id)::int as users')), 'the locals with their users');
}

const LocalChoice = LocalRow.pick({ id: true, name: true });

/** Id and name of every local, for a choice list. */
export function localChoices(db: Db): Promise<z.output<typeof LocalChoice>[]> {
  return allRows(LocalChoice, db('locals').orderByRaw('lower(name)').select('id', 'name'), 'the locals to choose from');
}

export function findLocal(db: Db, id: number): Promise<LocalRow | undefined> {
  return firstRow(LocalRow, db('locals').where({ id }).first(COLUMNS), 'a local');
}

/** A local by its id ("12") or its name, any case: what the command line accepts for --local. */
export function findLocalByIdOrName(db: Db, key: string): Promise<LocalRow | undefined> {
  const q = db('locals').whereRaw('lower(name) = lower(?)', [key]);
  if (/^\d{1,9}$/.test(key)) q.orWhere({ id: Number(key) });
  return firstRow(LocalRow, q.orderByRaw('lower(name) = lower(?) desc', [key]).first(COLUMNS), 'a local by id or name');
}

export async function localNameTaken(db: Db, name: string, exceptId?: number): Promise<boolean> {
  const row: unknown = await db('locals').whereRaw('lower(name) = lower(?)', [name])
    .modify((q) => { if (exceptId) q.whereNot({ id: exceptId }); })
    .first('id');
  return row !== undefined;
}

export async function insertLocal(db: Db, fields: LocalFields): Promise<LocalRow> {
  const [row] = await allRows(LocalRow, db('locals').insert(fields).returning(COLUMNS), 'a new local');
  return row;
}

export async function updateLocal(db: Db, id: number, fields: LocalFields): Promise<void> {
  await db('locals').where({ id }).update({ ...fields, updated_at: db.fn.now() });
}
