import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseCookie } from 'cookie';
import type { Request } from 'express';

// The session cookie's names and the check of its signature: the auth guards read them to tell an
// expired session from a visitor who never had one; the session middleware (auth/session.ts) sets them.

/** The session cookie's name over plain HTTP (development, tests, a production instance reached without TLS). */
export const SESSION_COOKIE = 'mpt.sid';
/**
 * Over HTTPS in production the cookie carries the __Host- prefix, like the sign-in form's cookie, so
 * that a sibling subdomain cannot plant a session of its choosing. The prefix requires Secure and
 * Path=/, so a request that is not secure keeps the plain name (a browser would drop the cookie).
 */
export const SECURE_SESSION_COOKIE = '__Host-mpt.sid';

declare module 'express-serve-static-core' {
  interface Request {
    /** The name this request's session cookie has (see sessionMiddleware), for reading or clearing it. */
    sessionCookieName?: string;
  }
}

/**
 * Whether the request carries a session cookie this tracker signed (express-session's "s:id.mac").
 * Called once no one is signed in on the request, it tells a member whose session expired or was
 * ended (their browser still holds the cookie) from a visitor who never had one.
 */
export function sentExpiredSession(req: Request, secret: string): boolean {
  const value = parseCookie(req.headers.cookie ?? '')[req.sessionCookieName ?? SESSION_COOKIE];
  if (!value?.startsWith('s:') || value.length > 200) return false;
  const dot = value.lastIndexOf('.');
  if (dot < 3) return false;
  const expected = createHmac('sha256', secret).update(value.slice(2, dot)).digest('base64').replace(/=+$/, '');
  const sent = Buffer.from(value.slice(dot + 1));
  return sent.length === Buffer.byteLength(expected) && timingSafeEqual(sent, Buffer.from(expected));
}
