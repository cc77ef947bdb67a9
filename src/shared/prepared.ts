import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from '../db';

/**
 * A statement to run as a prepared statement named after its text: each connection parses and plans
 * it once, then reuses the plan (PostgreSQL plans it again when a table it reads changes). For a
 * large statement run on every view of a page, whose planning costs as much as running it. The name
 * follows the text, so that statements that differ (other filters) never share one.
 */
export function prepared(db: Db, query: Knex.Raw | Knex.QueryBuilder): Knex.Raw {
  const { sql, bindings } = query.toSQL();
  const name = `p_${createHash('sha1').update(sql).digest('base64url')}`;
  return db.raw(sql, bindings as readonly Knex.RawBinding[]).options({ name });
}
