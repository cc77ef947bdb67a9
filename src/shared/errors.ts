/** An error with an HTTP status and a message key for the page the user sees. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: string,
  ) {
    super(messageKey);
  }
}

/** Also what a record the user may not see answers, so that its existence is not revealed. */
export class NotFoundError extends HttpError {
  constructor() {
    super(404, 'shared:errors.notFound');
  }
}

export class ForbiddenError extends HttpError {
  constructor() {
    super(403, 'shared:errors.forbidden');
  }
}

/**
 * The database could not be reached, dropped the connection, or did not answer in time (a statement
 * or lock timeout, no free connection in the pool, no new connection): nothing was saved, and trying
 * again in a moment may work.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (!e) return false;
  if (UNAVAILABLE_CODES.has(e.code ?? '')) return true;
  return /Connection terminated|Knex: Timeout acquiring a connection|Client has encountered a connection error|^timeout expired$/i.test(e.message ?? '');
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT',
  '57P01', '57P02', '57P03', '08006', '08003', '08001', '53300', // shut down, restarting, too many connections
  '57014', '55P03', // query_canceled (statement timeout, shutdown), lock_not_available (lock timeout)
]);

/** The database server's disk is full (SQLSTATE 53100): the statement failed, so nothing was saved. */
export function isDiskFull(err: unknown): boolean {
  return (err as { code?: string } | undefined)?.code === '53100';
}
