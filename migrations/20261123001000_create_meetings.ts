import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('meetings', (t) => {
    t.increments('id');
    t.integer('campaign_id').references('campaigns.id').onDelete('SET NULL');
    t.integer('official_id').notNullable().references('officials.id');
    t.integer('logged_by').references('users.id').onDelete('SET NULL');
    t.integer('local_id').references('locals.id').onDelete('SET NULL');
    t.text('status').notNullable()
      .checkIn(['requested', 'scheduled', 'held', 'cancelled', 'declined'], 'meetings_status_check');
    t.date('held_on').notNullable();
    t.text('format').checkIn(['in_person', 'constituency_office', 'virtual', 'phone', 'event'], 'meetings_format_check');
    t.text('location');
    t.text('other_attendees');
    t.text('stance').checkIn(['champion', 'supportive', 'undecided', 'opposed', 'unknown'], 'meetings_stance_check');
    // The common commitments ticked on the form (caucus, minister, public, meet_again).
    t.specificType('commitment_kinds', 'text[]').notNullable().defaultTo('{}');
    t.text('commitments');
    t.text('notes');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('deleted_at', { useTz: true });
    t.integer('deleted_by').references('users.id').onDelete('SET NULL');
    t.timestamps(true, true);
  });
  await knex.raw("ALTER TABLE meetings ADD CONSTRAINT meetings_notes_length CHECK (char_length(notes) <= 10000)");
  await knex.raw('CREATE INDEX meetings_campaign_official_index ON meetings (campaign_id, official_id, status) WHERE deleted_at IS NULL');
  await knex.raw('CREATE INDEX meetings_official_held_on_index ON meetings (official_id, held_on DESC)');
  await knex.raw('CREATE INDEX meetings_local_held_on_index ON meetings (local_id, held_on DESC)');
  await knex.raw('CREATE INDEX meetings_held_on_index ON meetings (held_on DESC, id DESC)');
  await knex.raw('CREATE INDEX meetings_logged_by_index ON meetings (logged_by)');
}

export { forwardOnly as down } from '../src/shared/forward-only';
