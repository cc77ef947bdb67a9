import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('officials', (t) => {
    t.increments('id');
    t.text('level').notNullable()
      .checkIn(['federal', 'senate', 'provincial', 'territorial', 'municipal'], 'officials_level_check');
    t.text('jurisdiction').notNullable();
    t.text('honorific');
    t.text('first_name').notNullable();
    t.text('last_name').notNullable();
    t.text('constituency').notNullable();
    t.text('constituency_fr');
    // Folded form of the constituency (case, accents, dashes, apostrophes): what an import matches on.
    t.text('constituency_key').notNullable();
    // Folded names and constituencies in both languages: what the directory search looks in.
    t.text('search_text').notNullable().defaultTo('');
    t.text('province');
    t.text('party');
    t.text('email');
    t.text('phone');
    t.date('start_date');
    t.date('end_date');
    t.text('source');
    t.timestamps(true, true);
  });
  // One sitting official per seat: the identity an import relies on.
  await knex.raw(`CREATE UNIQUE INDEX officials_sitting_seat_unique
    ON officials (level, jurisdiction, constituency_key) WHERE end_date IS NULL`);
  await knex.raw('CREATE INDEX officials_last_name_index ON officials (last_name, first_name)');
  await knex.raw('CREATE INDEX officials_province_index ON officials (province)');
}

export { forwardOnly as down } from '../src/shared/forward-only';
