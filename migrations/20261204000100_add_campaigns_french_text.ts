import type { Knex } from 'knex';

/**
 * A campaign's text in French beside its English: the name, the ask, the goal and each ask. Empty
 * when none was written: a French reader then sees the English, marked "(anglais)" (src/vocab/labels.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('campaigns', (t) => {
    t.text('name_fr').notNullable().defaultTo('');
    t.text('ask_fr').notNullable().defaultTo('');
    t.text('goal_fr').notNullable().defaultTo('');
  });
  await knex.schema.alterTable('campaign_asks', (t) => {
    t.text('text_fr').notNullable().defaultTo('');
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
