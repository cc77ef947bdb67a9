import type { Knex } from 'knex';

/**
 * The dashboard's "no activity in 30 days" list asks, per local (or per member), for the last meeting
 * logged in one campaign. With only (local_id, created_at) the probe walked every meeting of the local
 * in other campaigns: 190 ms for 200 locals at 200,000 meetings. With the campaign first it is one
 * index probe per local.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX meetings_campaign_local_created_index
    ON meetings (campaign_id, local_id, created_at DESC) WHERE deleted_at IS NULL`);
  await knex.raw(`CREATE INDEX meetings_campaign_logged_by_created_index
    ON meetings (campaign_id, logged_by, created_at DESC) WHERE deleted_at IS NULL`);
}

export { forwardOnly as down } from '../src/shared/forward-only';
