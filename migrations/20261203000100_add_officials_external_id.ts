import type { Knex } from 'knex';

/**
 * A stable identifier of the person in the list they were imported from (Represent's page URL,
 * which carries the person's id; a legislature's Member ID): what an import matches first, since
 * names change and every member of a general election has the same start date.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('officials', (t) => {
    t.text('external_id');
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
