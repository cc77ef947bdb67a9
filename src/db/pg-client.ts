import { PreparingPgClient } from './prepared';

/** What the pool needs to see of a pg client to know whether it can still be used. */
interface PgConnection {
  __knex__disposed?: unknown;
  _ending?: boolean;
  _ended?: boolean;
  _queryable?: boolean;
  connection: { on(event: 'errorMessage', listener: (msg: { severity?: string }) => void): void };
}

/**
 * Knex's PostgreSQL client (with prepared statements), that never hands out a connection the server
 * has closed. When a backend is terminated in the middle of a query (pg_terminate_backend, a server
 * restart), PostgreSQL answers the query with a FATAL error and then closes the socket: the query
 * fails first, its borrower releases the connection, and a request waiting for one gets it before
 * the socket's end is seen (9 of the next 50 pages failed "Connection terminated unexpectedly").
 * A FATAL or PANIC message marks the connection as disposed as it is read, before anyone can
 * release it; the pool's validation then destroys it, whoever borrowed it (a Knex query, the session
 * store, the export's cursor).
 */
export class PgClient extends PreparingPgClient {
  override async acquireRawConnection(): Promise<unknown> {
    const connection = (await super.acquireRawConnection()) as PgConnection;
    connection.connection.on('errorMessage', (msg) => {
      if (msg.severity === 'FATAL' || msg.severity === 'PANIC') connection.__knex__disposed ??= msg;
    });
    return connection;
  }

  override validateConnection(connection: unknown): boolean {
    const c = connection as PgConnection;
    return !c.__knex__disposed && !c._ending && !c._ended && c._queryable !== false;
  }
}
