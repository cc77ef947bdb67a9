import type { Knex } from 'knex';

/**
 * The dashboard counted open follow-ups from these two indexes; it now sums follow_up_deltas, and
 * nothing else reads them, while every follow-up written, done or reopened had to update them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX follow_ups_campaign_open_index');
  await knex.raw('DROP INDEX follow_ups_campaign_done_index');
}

export { forwardOnly as down } from '../src/shared/forward-only';
