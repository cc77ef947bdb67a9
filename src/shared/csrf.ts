import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseCookie } from 'cookie';
import { csrfSync } from 'csrf-sync';
import type { Request, RequestHandler } from 'express';

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req: Request) =>
    ((req.body as { _csrf?: string } | undefined)?._csrf) ?? (req.headers['x-csrf-token'] as string | undefined),
});

/**
 * The synchroniser token pattern (the token lives in the session) on every state-changing request;
 * an upload route runs it itself, right after parsing its multipart body (uploadForm in upload.ts).
 */
export const csrfProtection: RequestHandler = (req, res, next) => {
  csrfSynchronisedProtection(req, res, (err?: unknown) => {
    if (err) return next(err);
    res.locals.csrfToken = req.csrfToken?.();
    next();
  });
};

/**
 * The session's token, for a page rendered outside csrfProtection: an error page's sign-out button.
 * A visitor who is not signed in has no such button, and gets no session just for showing an error.
 */
export function csrfTokenFor(req: Request): string | undefined {
  return req.user && req.session ? generateToken(req) : undefined;
}

const SIGN_IN_NONCE = /^[A-Za-z0-9_-]{43}$/; // 32 random bytes, base64url

/**
 * The sign-in form's token, kept out of the database: a random value in a cookie and, in the form,
 * its HMAC under the session secret (the signed double-submit cookie pattern). Showing the sign-in
 * page to a visitor without a session then writes nothing, while a forged form has neither the
 * visitor's cookie nor, without the secret, a token matching one. Over HTTPS the cookie carries the
 * __Host- prefix, so that a sibling subdomain cannot plant its own.
 */
export function signInTokens(secret: string) {
  const cookieName = (req: Request) => (req.secure ? '__Host-mpt.signin' : 'mpt.signin');
  const nonceOf = (req: Request) => {
    const nonce = parseCookie(req.headers.cookie ?? '')[cookieName(req)];
    return nonce && SIGN_IN_NONCE.test(nonce) ? nonce : undefined;
  };
  const sign = (nonce: string) => createHmac('sha256', secret).update(`sign-in form ${nonce}`).digest();

  return {
    /** The token for the form, as res.locals.csrfToken; sets the cookie on a first visit. */
    issue: ((req, res, next) => {
      let nonce = nonceOf(req);
      if (!nonce) {
        nonce = randomBytes(32).toString('base64url');
        res.cookie(cookieName(req), nonce, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
      }
      res.locals.csrfToken = sign(nonce).toString('base64url');
      next();
    }) as RequestHandler,

    /** Lets the form through with the token of the visitor's own cookie, else with the session's token. */
    check: ((req, res, next) => {
      const nonce = nonceOf(req);
      const field = (req.body as { _csrf?: unknown } | undefined)?._csrf;
      const sent = Buffer.from(typeof field === 'string' ? field : '', 'base64url');
      const expected = nonce ? sign(nonce) : undefined;
      if (expected && sent.length === expected.length && timingSafeEqual(sent, expected)) return next();
      csrfSynchronisedProtection(req, res, next);
    }) as RequestHandler,
  };
}
