import type { Knex } from 'knex';

/** The officials a campaign wants met, and the local (if any) that has claimed each one. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('campaign_targets', (t) => {
    t.integer('campaign_id').notNullable().references('campaigns.id').onDelete('CASCADE');
    t.integer('official_id').notNullable().references('officials.id').onDelete('CASCADE');
    t.integer('claimed_by_local_id').references('locals.id').onDelete('SET NULL');
    t.timestamp('claimed_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['campaign_id', 'official_id']);
    t.index(['official_id']);
    t.index(['claimed_by_local_id']);
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
