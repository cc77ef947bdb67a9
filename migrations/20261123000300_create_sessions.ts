import type { Knex } from 'knex';

/** The table connect-pg-simple reads and writes, so that any instance can serve any session. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sessions', (t) => {
    t.string('sid').primary();
    t.json('sess').notNullable();
    t.timestamp('expire', { precision: 6 }).notNullable().index('sessions_expire_index');
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
