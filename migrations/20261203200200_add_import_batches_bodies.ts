import type { Knex } from 'knex';

/**
 * The bodies a batch imports when its file lists several (a Represent download of every
 * legislature and many councils): [{ level, jurisdiction, city }], so that the list of imports
 * names them without reading the batch's stored plan, which holds every row of the file.
 * Null for a batch of one body: its level and jurisdiction columns say it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('import_batches', (t) => {
    t.jsonb('bodies');
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
