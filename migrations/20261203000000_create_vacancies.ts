import type { Knex } from 'knex';

/**
 * A seat with no member: a legislature's list says "Vacant seat" for it. Seats are not a table of
 * their own: an official holds a seat (level, jurisdiction, constituency) from start_date to
 * end_date, and a vacancy records that a seat has nobody in it since a day, until an import gives
 * the seat a member again (the vacancy is then deleted).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('vacancies', (t) => {
    t.increments('id');
    t.text('level').notNullable()
      .checkIn(['federal', 'senate', 'provincial', 'territorial', 'municipal'], 'vacancies_level_check');
    t.text('jurisdiction').notNullable();
    t.text('constituency').notNullable();
    // Folded like officials.constituency_key: what an import matches the seat on.
    t.text('constituency_key').notNullable();
    t.date('since').notNullable();
    t.text('source');
    t.timestamps(true, true);
    t.unique(['level', 'jurisdiction', 'constituency_key'], { indexName: 'vacancies_seat_unique' });
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
