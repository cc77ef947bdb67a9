import type { Knex } from 'knex';
import type { Db } from '../db';

/**
 * A column holding the rows of `query` as one JSON array, so that a page reads its lists together
 * with its main row in one statement instead of one round trip each. The array keeps the query's
 * ORDER BY: the aggregate reads the sorted sub-select directly (no join at its level to reorder it).
 */
export function jsonRows(db: Db, query: Knex.QueryBuilder, as: string): Knex.Raw {
  return db.raw(`(SELECT coalesce(json_agg(x), '[]'::json) FROM ? AS x) AS ??`, [query, as]);
}

/** JSON has no timestamps: turns the named fields of rows read with jsonRows back into Dates, as pg gives them. */
export function reviveDates<T extends object>(rows: T[], fields: (keyof T)[]): T[] {
  for (const row of rows) {
    for (const field of fields) {
      const value = row[field];
      if (typeof value === 'string') row[field] = new Date(value) as T[keyof T];
    }
  }
  return rows;
}
