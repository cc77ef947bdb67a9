import type { Knex } from 'knex';
import { z } from 'zod';

/*
 * Rows checked where they come in: Knex types every row as `any`, so a query's answer is parsed
 * with the schema of what the code reads from it, and a change of SQL or migration that the code
 * did not follow fails here, naming the statement, instead of as an undefined somewhere downstream.
 */

/** A statement's result that does not match its schema: a change of SQL or migration the code did not follow. */
export class RowShapeError extends Error {
  constructor(what: string, error: z.ZodError) {
    super(`The database's answer for ${what} does not match its schema: ${z.prettifyError(error)}`);
    this.name = 'RowShapeError';
  }
}

/** `data` as `schema` reads it, or a RowShapeError naming `what`. */
export function parseAs<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw new RowShapeError(what, result.error);
  return result.data;
}

/** Every row of a query (a select, or an insert/update … returning), parsed. */
export async function allRows<S extends z.ZodType>(schema: S, query: PromiseLike<unknown>, what: string): Promise<z.output<S>[]> {
  return parseAs(z.array(schema), await query, what);
}

/** The row of a query's first() (or the first row it returns), parsed; undefined when there is none. */
export async function firstRow<S extends z.ZodType>(schema: S, query: PromiseLike<unknown>, what: string): Promise<z.output<S> | undefined> {
  const found: unknown = await query;
  const row: unknown = Array.isArray(found) ? found[0] : found;
  return row === undefined ? undefined : parseAs(schema, row, what);
}

/** The rows of a raw statement (pg's result.rows), parsed. */
export async function rawRows<S extends z.ZodType>(schema: S, query: Knex.Raw, what: string): Promise<z.output<S>[]> {
  return parseAs(z.object({ rows: z.array(schema) }), await query, what).rows;
}

/** How many rows a raw INSERT, UPDATE or DELETE changed. */
export async function rowCount(query: Knex.Raw): Promise<number> {
  return parseAs(z.object({ rowCount: z.number().nullable() }), await query, 'a row count').rowCount ?? 0;
}

/** A count(*)::int AS n, the one figure several pages need alone. */
export const Count = z.object({ n: z.number() });

/** A row's id alone: what a look-up by a natural key, or an insert … returning('id'), gives. */
export const Id = z.object({ id: z.number() });
