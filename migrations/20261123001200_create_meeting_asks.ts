import type { Knex } from 'knex';

/** Which of the campaign's asks were raised in a meeting. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('meeting_asks', (t) => {
    t.integer('meeting_id').notNullable().references('meetings.id').onDelete('CASCADE');
    t.integer('ask_id').notNullable().references('campaign_asks.id').onDelete('CASCADE');
    t.primary(['meeting_id', 'ask_id']);
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
