import type { Knex } from 'knex';

/**
 * Sign-in and password-check attempts per key (account and address, account, address, user), counted
 * atomically by rate-limiter-flexible's RateLimiterPostgres: one upsert reserves an attempt and
 * returns the count. Its columns, in this order, are the ones that library writes (`INSERT … VALUES
 * ($1, $2, $3)`); the table is made here rather than by the library at run time. `key` is text, not
 * the library's varchar(255), though the keys are hashes of a fixed length anyway. `expire` is the
 * end of the key's window in milliseconds since the epoch; the index serves the hourly pruning.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_attempts', (t) => {
    t.text('key').primary();
    t.integer('points').notNullable().defaultTo(0);
    t.bigInteger('expire');
    t.index(['expire']);
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
