import type { Knex } from 'knex';

/**
 * The constituency office's postal address, as the list gives it (line breaks kept): where members
 * go to meet their official. Ontario's member contact list and Represent's offices carry it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('officials', (t) => {
    t.text('address');
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
