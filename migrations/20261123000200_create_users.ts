import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.text('email').notNullable();
    t.text('name').notNullable();
    t.text('password_hash').notNullable();
    t.text('role').notNullable().checkIn(['member', 'coordinator', 'admin'], 'users_role_check');
    t.integer('local_id').references('locals.id').onDelete('SET NULL');
    t.text('language').checkIn(['en', 'fr'], 'users_language_check');
    t.boolean('active').notNullable().defaultTo(true);
    // Sessions that signed in before this instant are refused (password change, deactivation).
    t.timestamp('sessions_valid_after', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_login_at', { useTz: true });
    t.timestamps(true, true);
  });
  await knex.raw('CREATE UNIQUE INDEX users_email_unique ON users (lower(email))');
  await knex.raw('CREATE INDEX users_local_id_index ON users (local_id)');
}

export { forwardOnly as down } from '../src/shared/forward-only';
