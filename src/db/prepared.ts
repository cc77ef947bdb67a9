import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

type QueryObject = { sql: string; options?: Record<string, unknown> };
interface KnexPgClientClass {
  new (config: Knex.Config): {
    _query(connection: unknown, obj: QueryObject): Promise<unknown>;
    acquireRawConnection(): Promise<unknown>;
    validateConnection(connection: unknown): boolean;
  };
}

// Knex's PostgreSQL client (its dialect classes have no type declarations of their own).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an untyped module: `import` would not compile.
const KnexPgClient = require('knex/lib/dialects/postgres') as KnexPgClientClass;

/**
 * Knex's PostgreSQL client, running the statements marked with prepared() as named prepared
 * statements: PostgreSQL then parses and plans such a statement once per connection instead of on
 * every request. For a page read in one statement of many sub-selects, planning cost three times
 * what running it does (pgbench, the meeting's page: 1,070 -> 3,690 a second).
 */
export class PreparingPgClient extends KnexPgClient {
  override _query(connection: unknown, obj: QueryObject): Promise<unknown> {
    if (!obj.options?.prepared) return super._query(connection, obj);
    // Named for its text: the same text reuses its statement, a different text never does.
    const { prepared: _flag, ...options } = obj.options;
    return super._query(connection, { ...obj, options: { ...options, name: `p_${createHash('sha1').update(obj.sql).digest('hex')}` } });
  }
}

/**
 * Marks a statement to be prepared (see PreparingPgClient). Only for statements whose best plan does
 * not depend on the values (look-ups by id through an index), since PostgreSQL may keep one generic
 * plan for all values; and with columns listed rather than `*` at the top level, or a column added by
 * a migration would make the prepared statement fail ("cached plan must not change result type").
 */
export function prepared<T extends Knex.QueryBuilder | Knex.Raw>(query: T): T {
  return query.options({ prepared: true }) as T;
}
