import type { Knex } from 'knex';
import { vocabularyChecks } from '../src/vocab/constraints';

/**
 * One way to say "no stance": NULL ("Not recorded"). The form offered both an empty choice and
 * "Unknown", and members picked either for the same thing, so the dashboard split one group in two.
 * The stored `unknown` becomes NULL first (the meetings' triggers then give each official's tally
 * the latest stance actually recorded), then every CHECK is rebuilt from src/vocab, which no longer
 * lists `unknown`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`UPDATE meetings SET stance = NULL WHERE stance = 'unknown'`);
  for (const statement of vocabularyChecks()) await knex.raw(statement);
}

export { forwardOnly as down } from '../src/shared/forward-only';
