import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('follow_ups', (t) => {
    t.increments('id');
    t.integer('meeting_id').notNullable().references('meetings.id').onDelete('CASCADE');
    t.text('description').notNullable();
    t.date('due_on');
    t.integer('assignee_id').references('users.id').onDelete('SET NULL');
    t.timestamp('done_at', { useTz: true });
    t.integer('done_by').references('users.id').onDelete('SET NULL');
    t.integer('created_by').references('users.id').onDelete('SET NULL');
    t.timestamps(true, true);
    t.index(['meeting_id']);
    t.index(['assignee_id', 'done_at']);
    t.index(['due_on']);
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
