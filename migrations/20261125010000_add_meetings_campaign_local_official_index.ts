import type { Knex } from 'knex';

/**
 * A member's dashboard asks, per target, about their own local's meetings only: whether one was held
 * and the latest stance (up to a date). The indexes by campaign and official hold every local's
 * meetings, so each probe fetched the official's meetings from the table until one of the local's
 * turned up: 80 ms per headline at 200,000 meetings. With the local before the official, each
 * probe reads the local's few meetings with that official from the index alone. The tallies kept
 * per local (next migration) recompute from it too.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX meetings_campaign_local_official_index
    ON meetings (campaign_id, local_id, official_id, held_on DESC, id DESC) INCLUDE (status, stance, created_at)
    WHERE deleted_at IS NULL`);
}

export { forwardOnly as down } from '../src/shared/forward-only';
