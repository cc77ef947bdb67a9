import type { Knex } from 'knex';

/**
 * meetings_official_latest_index serves every query that used this one (an official's meetings
 * newest first, the same-day duplicate check, the list filtered by official): one index fewer for
 * each logged meeting to update.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX meetings_official_held_on_index');
}

export { forwardOnly as down } from '../src/shared/forward-only';
