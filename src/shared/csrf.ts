import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseCookie } from 'cookie';
import { csrfSync } from 'csrf-sync';
import type { Request, RequestHandler } from 'express';
import { maskToken, unmaskToken } from './token-mask';

/** The token a form or a script sent, unmasked (see token-mask.ts). */
const sentToken = (req: Request) =>
  unmaskToken((req.body as { _csrf?: unknown } | undefined)?._csrf ?? req.headers['x-csrf-token'])?.toString('utf8');

const { csrfSynchronisedProtection, generateToken } = csrfSync({ getTokenFromRequest: sentToken });

/** The session's token as this response writes it: masked under a fresh pad. */
const maskedSessionToken = (req: Request) => maskToken(Buffer.from(generateToken(req), 'utf8'));

/**
 * The synchroniser token pattern (the token lives in the session) on every state-changing request;
 * an upload route runs it itself, right after parsing its multipart body (uploadForm in upload.ts).
 */
export const csrfProtection: RequestHandler = (req, res, next) => {
  csrfSynchronisedProtection(req, res, (err?: unknown) => {
    if (err) return next(err);
    res.locals.csrfToken = maskedSessionToken(req);
    next();
  });
};

/**
 * The session's token, for a page rendered outside csrfProtection: an error page's sign-out button.
 * A visitor who is not signed in has no such button, and gets no session just for showing an error.
 */
export function csrfTokenFor(req: Request): string | undefined {
  return req.user && req.session ? maskedSessionToken(req) : undefined;
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
      res.locals.csrfToken = maskToken(sign(nonce));
      next();
    }) as RequestHandler,

    /** Lets the form through with the token of the visitor's own cookie, else with the session's token. */
    check: ((req, res, next) => {
      const nonce = nonceOf(req);
      const sent = unmaskToken((req.body as { _csrf?: unknown } | undefined)?._csrf);
      const expected = nonce ? sign(nonce) : undefined;
      if (sent && expected && sent.length === expected.length && timingSafeEqual(sent, expected)) return next();
      csrfSynchronisedProtection(req, res, next);
    }) as RequestHandler,
  };
}
