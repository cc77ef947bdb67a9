import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('campaign_asks', (t) => {
    t.increments('id');
    t.integer('campaign_id').notNullable().references('campaigns.id').onDelete('CASCADE');
    t.integer('position').notNullable().defaultTo(0);
    t.text('text').notNullable();
    t.timestamps(true, true);
    t.index(['campaign_id', 'position']);
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
