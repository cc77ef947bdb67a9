import type { Knex } from 'knex';
import { z } from 'zod';
import type { Db } from './index';
import { prepared } from './prepared';
import { parseAs as parse } from './rows';

export { RowShapeError } from './rows';

/**
 * A page read in one statement: each list, row or figure it shows is a sub-select of one SELECT
 * (one round trip instead of one each), and the result is parsed with a schema per column where it
 * comes in, so nothing downstream trusts a cast. Lists and rows travel as JSON, which has no
 * timestamps: their schemas use `timestamp` to turn them back into Dates, as pg gives them.
 */

type Sql = Knex.QueryBuilder | Knex.Raw;

/** One column of the statement: how to select it under a name, and the schema its value must match. */
export interface Column<S extends z.ZodType = z.ZodType> {
  select(db: Db, as: string): Knex.Raw;
  schema: S;
}

export type Columns = Record<string, Column>;
export type Parsed<C extends Columns> = { [K in keyof C]: z.output<C[K]['schema']> };

/** A timestamp: a Date from pg, or its ISO text inside JSON. */
export const timestamp = z.coerce.date();

// Knex puts a query builder given as a binding in parentheses, but not a raw one.
const sub = (db: Db, query: Sql) => ('isRawInstance' in query && query.isRawInstance ? db.raw('(?)', [query]) : query);

/** The rows of `query`, in its order, as a list ([] when there are none). */
export function rows<S extends z.ZodType>(schema: S, query: Sql): Column<z.ZodArray<S>> {
  return {
    // The aggregate reads the sorted sub-select directly (no join at its level), so it keeps the ORDER BY.
    select: (db, as) => db.raw(`(SELECT coalesce(json_agg(x), '[]'::json) FROM ? AS x) AS ??`, [sub(db, query), as]),
    schema: z.array(schema),
  };
}

/** The first row of `query`, or null when there is none. */
export function row<S extends z.ZodType>(schema: S, query: Sql): Column<z.ZodNullable<S>> {
  return { select: (db, as) => db.raw('(SELECT row_to_json(x) FROM ? AS x LIMIT 1) AS ??', [sub(db, query), as]), schema: schema.nullable() };
}

/** The one value `query` gives (a count, or a JSON value it builds itself). */
export function value<S extends z.ZodType>(schema: S, query: Sql): Column<S> {
  return { select: (db, as) => db.raw('? AS ??', [sub(db, query), as]), schema };
}

const selects = (db: Db, columns: Columns) => Object.entries(columns).map(([as, column]) => column.select(db, as));
const schemaOf = (columns: Columns) => z.object(Object.fromEntries(Object.entries(columns).map(([as, c]) => [as, c.schema])));

export interface ReadOptions {
  /** `WITH name AS MATERIALIZED (query), …` before the SELECT: tables several columns read. */
  with?: [string, Sql][];
  /**
   * Prepared (see db/prepared.ts) unless false: planning such a statement costs more than running
   * it. False for a statement whose best plan depends on its values (a list's filters).
   */
  prepared?: boolean;
  /** Names the statement in the error a mismatch raises. */
  name?: string;
}

/** `SELECT (sub-select) AS a, (sub-select) AS b, …`, parsed: one value per column. */
export async function readOne<C extends Columns>(db: Db, columns: C, options: ReadOptions = {}): Promise<Parsed<C>> {
  const tables = options.with ?? [];
  const statement = db.raw(`${tables.length ? `WITH ${tables.map(([name]) => `${name} AS MATERIALIZED (?)`).join(', ')} ` : ''}SELECT ${
    Object.keys(columns).map(() => '?').join(', ')}`, [...tables.map(([, query]) => query), ...selects(db, columns)]);
  const result = (await (options.prepared === false ? statement : prepared(statement))) as { rows: unknown[] };
  return parse(schemaOf(columns), result.rows[0], options.name ?? Object.keys(columns).join(', ')) as Parsed<C>;
}

/**
 * The first row of `base` (its columns listed, never `*`: see db/prepared.ts) with `columns`
 * beside them, in one prepared statement, parsed with the base's schema and the columns'.
 * Undefined when the base finds no row.
 */
export async function readRow<B extends z.ZodObject, C extends Columns>(db: Db, base: { schema: B; query: Knex.QueryBuilder; name: string },
  columns: C): Promise<(z.output<B> & Parsed<C>) | undefined> {
  const found: unknown = await prepared(base.query).first(...selects(db, columns));
  if (found === undefined) return undefined;
  return parse(base.schema.extend(schemaOf(columns).shape), found, base.name) as z.output<B> & Parsed<C>;
}
