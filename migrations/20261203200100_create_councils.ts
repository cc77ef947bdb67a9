import type { Knex } from 'knex';

/**
 * The city of each municipal council the tracker has officials of, as the imported list spells it
 * ("Montréal", "Saint-Hyacinthe"): the id (ca_qc_montreal) cannot give its accents, capitals and
 * hyphens back, and every page names a council by its city ("Toronto City Council").
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('councils', (t) => {
    t.text('jurisdiction').primary();
    t.text('city').notNullable();
    t.timestamps(true, true);
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
