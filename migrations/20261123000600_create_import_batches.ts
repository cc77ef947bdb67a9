import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('import_batches', (t) => {
    t.increments('id');
    t.integer('user_id').references('users.id').onDelete('SET NULL');
    t.text('file_name').notNullable();
    t.text('sha256').notNullable();
    t.text('format');
    t.text('level');
    t.text('jurisdiction');
    t.boolean('complete').notNullable().defaultTo(false);
    t.text('status').notNullable().checkIn(['previewed', 'applied', 'refused', 'failed', 'superseded'], 'import_batches_status_check');
    t.integer('added').notNullable().defaultTo(0);
    t.integer('updated').notNullable().defaultTo(0);
    t.integer('unchanged').notNullable().defaultTo(0);
    t.integer('ended').notNullable().defaultTo(0);
    t.integer('rejected').notNullable().defaultTo(0);
    t.jsonb('problems').notNullable().defaultTo('[]');
    // The previewed plan, so that confirming applies exactly what the coordinator saw.
    t.jsonb('plan');
    t.timestamp('applied_at', { useTz: true });
    t.timestamps(true, true);
    t.index(['created_at']);
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
