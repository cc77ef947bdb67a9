import { csrfSync } from 'csrf-sync';
import type { Request, RequestHandler } from 'express';

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req: Request) =>
    (req.body?._csrf as string | undefined) ?? (req.headers['x-csrf-token'] as string | undefined),
});

/**
 * The synchroniser token pattern (the token lives in the session) on every state-changing request;
 * multipart bodies are parsed before this runs (upload.ts), so uploads are checked the same way.
 */
export const csrfProtection: RequestHandler = (req, res, next) => {
  csrfSynchronisedProtection(req, res, (err?: unknown) => {
    if (err) return next(err);
    res.locals.csrfToken = req.csrfToken?.();
    next();
  });
};

/** The session's token, for a page rendered outside csrfProtection (an error page's sign-out button). */
export function csrfTokenFor(req: Request): string | undefined {
  return req.session ? generateToken(req) : undefined;
}
