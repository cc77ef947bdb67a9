import type { Knex } from 'knex';

/** Members of the tracker who attended a meeting (other names are free text on the meeting). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('meeting_attendees', (t) => {
    t.integer('meeting_id').notNullable().references('meetings.id').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.primary(['meeting_id', 'user_id']);
    t.index(['user_id']);
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
