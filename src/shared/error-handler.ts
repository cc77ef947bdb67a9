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
  return (err, req, res, _next) => {
    let status = 500;
    let messageKey = 'shared:errors.server';
    if (err instanceof HttpError) ({ status, messageKey } = err);
    else if ((err as { code?: string }).code === 'EBADCSRFTOKEN') [status, messageKey] = [403, 'shared:errors.csrf'];
    else if ((err as { type?: string }).type === 'entity.too.large') [status, messageKey] = [413, 'shared:errors.tooLarge'];
    else if ((err as { type?: string }).type === 'entity.parse.failed') [status, messageKey] = [400, 'shared:errors.badRequest'];
    else if (isDiskFull(err)) [status, messageKey] = [503, 'shared:errors.diskFull'];
    else if (isDatabaseUnavailable(err)) [status, messageKey] = [503, 'shared:errors.unavailable'];

    const errorId = status >= 500 ? crypto.randomUUID() : null;
    const log = { errorId, status, method: req.method, url: req.originalUrl, userId: req.user?.id, err };
    if (status >= 500) logger.error(log, 'request failed');
    else logger.info({ status, method: req.method, url: req.originalUrl }, 'request refused');

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
