import type { Knex } from 'knex';

/** Who did what to which record, when, and what changed. Append only. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_events', (t) => {
    t.bigIncrements('id');
    t.integer('user_id').references('users.id').onDelete('SET NULL');
    t.text('action').notNullable();
    t.text('entity').notNullable();
    t.bigInteger('entity_id');
    t.jsonb('changes').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['entity', 'entity_id', 'created_at']);
    t.index(['created_at']);
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
