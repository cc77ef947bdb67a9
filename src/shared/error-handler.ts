import crypto from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from './logger';
import { HttpError, isDatabaseUnavailable, isDiskFull } from './errors';
import { formatters, translator } from '../i18n/i18n';
import { csrfTokenFor } from './csrf';

export const notFound: RequestHandler = (req, res) => {
  res.status(404).render('errors/error', { status: 404, messageKey: 'shared:errors.notFound', errorId: null });
};

/**
 * The last middleware: a plain page for the user (with an id to quote), the details in the log.
 * Express 5 routes here every error thrown or rejected in a handler.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const [status, messageKey] = classify(err, req.method);
    const errorId = status >= 500 ? crypto.randomUUID() : null;
    const log = { errorId, status, method: req.method, url: req.originalUrl, userId: req.user?.id, err };
    if (status >= 500) logger.error(log, 'request failed');
    // A client error: what was refused and why, never the statement or the value sent.
    else logger.info({ status, method: req.method, url: req.originalUrl, reason: reasonOf(err) }, 'request refused');

    if (res.headersSent) return req.socket.destroy();
    // The error may come before the page's usual locals were set (a refused CSRF token, a body too large).
    if (!res.locals.t) Object.assign(res.locals, { t: translator('en'), lang: 'en', otherLang: 'fr', fmt: formatters('en'), currentUrl: req.originalUrl, flash: [], user: undefined });
    res.locals.csrfToken ??= csrfTokenFor(req);
    res.status(status).set('Cache-Control', 'no-store');
    res.render('errors/error', { status, messageKey, errorId }, (renderErr: Error | null, html?: string) => {
      if (renderErr) {
        logger.error({ errorId, err: renderErr }, 'error page failed to render');
        return res.type('text').send(`Error ${status}${errorId ? ` (${errorId})` : ''}`);
      }
      res.send(html);
    });
  };
}

type ErrorFields = { code?: string; type?: string; status?: number };

/** The status and the page's message for an error; a client's mistake is never a 500. */
function classify(err: unknown, method: string): [number, string] {
  if (err instanceof HttpError) return [err.status, err.messageKey];
  const { code, type, status } = (err ?? {}) as ErrorFields;
  if (code === 'EBADCSRFTOKEN') return [403, 'shared:errors.csrf'];
  if (type && BODY_ERRORS[type]) return BODY_ERRORS[type];
  // The body parser marks a body that does not decompress (gzip, deflate, br) 400 and leaves zlib's error as it was.
  if (status === 400 && !type && (err as { errno?: number }).errno !== undefined) return [400, 'shared:errors.badEncoding'];
  // A NUL byte (22021) or a character the database cannot store (22P05) that reached a statement.
  if (code === '22021' || code === '22P05') return [400, 'shared:errors.nul'];
  // Only a request that was changing something is told that nothing was saved: a page read after
  // a save (the redirect to the record) must not suggest that the save was lost.
  if (isDiskFull(err)) return [503, 'shared:errors.diskFull'];
  if (isDatabaseUnavailable(err)) return [503, method === 'GET' || method === 'HEAD' ? 'shared:errors.unavailableRead' : 'shared:errors.unavailable'];
  return [500, 'shared:errors.server'];
}

/** The body parser's refusals, by the type it gives them. */
const BODY_ERRORS: Record<string, [number, string]> = {
  'entity.too.large': [413, 'shared:errors.tooLarge'],
  'parameters.too.many': [413, 'shared:errors.tooManyFields'],
  'encoding.unsupported': [415, 'shared:errors.unsupportedEncoding'],
  'charset.unsupported': [415, 'shared:errors.unsupportedEncoding'],
  'entity.parse.failed': [400, 'shared:errors.badRequest'],
  'querystring.parse.rangeError': [400, 'shared:errors.badRequest'],
  'request.aborted': [400, 'shared:errors.badRequest'],
  'request.size.invalid': [400, 'shared:errors.badRequest'],
};

function reasonOf(err: unknown): string | undefined {
  if (err instanceof HttpError) return err.messageKey;
  const { code, type } = (err ?? {}) as ErrorFields;
  return type ?? code;
}
