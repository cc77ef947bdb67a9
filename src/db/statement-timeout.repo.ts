import type { Db } from '.';

/**
 * Exports and imports go through many rows in one statement: they get longer than a page's statement
 * timeout (DB_STATEMENT_TIMEOUT_MS), still bounded, and ended anyway at a shutdown's deadline.
 */
export const BULK_STATEMENT_TIMEOUT = '2min';

/** For the rest of the transaction `trx` (SET LOCAL): the bulk statement timeout. */
export async function allowBulkStatements(trx: Db): Promise<void> {
  await trx.raw(`SET LOCAL statement_timeout = '${BULK_STATEMENT_TIMEOUT}'`);
}
