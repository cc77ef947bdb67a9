import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('campaigns', (t) => {
    t.increments('id');
    t.text('name').notNullable();
    t.text('ask').notNullable().defaultTo('');
    t.date('starts_on');
    t.date('ends_on');
    t.text('goal').notNullable().defaultTo('');
    t.date('goal_date');
    t.boolean('active').notNullable().defaultTo(true);
    t.boolean('is_default').notNullable().defaultTo(false);
    t.integer('created_by').references('users.id').onDelete('SET NULL');
    t.timestamps(true, true);
  });
  await knex.raw('CREATE UNIQUE INDEX campaigns_one_default ON campaigns (is_default) WHERE is_default');
  await knex.raw('ALTER TABLE campaigns ADD CONSTRAINT campaigns_dates_check CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)');
}

export { forwardOnly as down } from '../src/shared/forward-only';
