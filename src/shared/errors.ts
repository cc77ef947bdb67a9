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

/** The database could not be reached or dropped the connection: nothing was saved. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (!e) return false;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08006', '08003', '08001'].includes(e.code ?? '')) return true;
  return /Connection terminated|Knex: Timeout acquiring a connection|Client has encountered a connection error/i.test(e.message ?? '');
}

/** The database server's disk is full (SQLSTATE 53100): the statement failed, so nothing was saved. */
export function isDiskFull(err: unknown): boolean {
  return (err as { code?: string } | undefined)?.code === '53100';
}
