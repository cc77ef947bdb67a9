import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('locals', (t) => {
    t.increments('id');
    t.text('name').notNullable();
    t.text('union_name');
    t.text('province');
    t.timestamps(true, true);
  });
  await knex.raw('CREATE UNIQUE INDEX locals_name_unique ON locals (lower(name))');
}

export { forwardOnly as down } from '../src/shared/forward-only';
