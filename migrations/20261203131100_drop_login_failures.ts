import type { Knex } from 'knex';

/**
 * Failed sign-ins are now counted in login_attempts, reserved before the password is checked; the
 * old table, written after the check (so that parallel attempts were never counted in time), goes.
 * Its rows were counters of the last 15 minutes, nothing anyone needs to keep.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.dropTable('login_failures');
}

export { forwardOnly as down } from '../src/shared/forward-only';
