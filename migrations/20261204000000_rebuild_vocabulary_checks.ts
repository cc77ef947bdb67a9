import type { Knex } from 'knex';
import { vocabularyChecks } from '../src/vocab/constraints';

/**
 * Every column that stores one of the tracker's codes gets its CHECK from src/vocab: the meetings'
 * status, format and stance are rebuilt from the module's lists, and the commitments, the officials'
 * and locals' provinces, an import batch's level and the dashboard's tallies are checked for the
 * first time (a stored value the lists lack is repaired first: see src/vocab/constraints.ts).
 */
export async function up(knex: Knex): Promise<void> {
  for (const statement of vocabularyChecks()) await knex.raw(statement);
}

export { forwardOnly as down } from '../src/shared/forward-only';
