import type { Knex } from 'knex';

/**
 * The indexes the dashboard's aggregates use, so that a campaign with 50,000 meetings still answers
 * in milliseconds: meetings by campaign and date (headline, weekly), the latest stance per official,
 * the last meeting logged per local and per member, and open follow-ups.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX meetings_campaign_held_on_index
    ON meetings (campaign_id, held_on) INCLUDE (status, official_id, local_id) WHERE deleted_at IS NULL`);
  await knex.raw(`CREATE INDEX meetings_latest_stance_index
    ON meetings (campaign_id, official_id, held_on DESC, id DESC) INCLUDE (stance)
    WHERE deleted_at IS NULL AND stance IS NOT NULL`);
  await knex.raw('CREATE INDEX meetings_local_created_index ON meetings (local_id, created_at DESC) WHERE deleted_at IS NULL');
  await knex.raw('CREATE INDEX meetings_logged_by_created_index ON meetings (logged_by, created_at DESC) WHERE deleted_at IS NULL');
  await knex.raw('CREATE INDEX follow_ups_open_index ON follow_ups (meeting_id, due_on) WHERE done_at IS NULL');
}

export { forwardOnly as down } from '../src/shared/forward-only';
