import type { Knex } from 'knex';

/** Failed sign-ins, kept in the database so that throttling survives restarts and spans instances. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_failures', (t) => {
    t.bigIncrements('id');
    t.text('email_key').notNullable();
    t.text('ip').notNullable();
    t.timestamp('failed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['email_key', 'failed_at']);
    t.index(['ip', 'failed_at']);
  });
}

export { forwardOnly as down } from '../src/shared/forward-only';
