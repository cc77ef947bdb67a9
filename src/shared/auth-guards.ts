import type { Request, RequestHandler } from 'express';
import { ForbiddenError, HttpError } from './errors';
import type { Role } from './types';
import { keepPendingForm } from './pending-form';
import { sentExpiredSession } from './session-cookie';

const RANK: Record<Role, number> = { member: 1, coordinator: 2, admin: 3 };

export function hasRole(user: Express.User | undefined, role: Role): boolean {
  return !!user && RANK[user.role] >= RANK[role];
}

const MAX_RETURN_PATH = 2000;
// Any fixed origin serves: only paths are resolved against it, and anything that leaves it is refused.
const BASE = new URL('http://return-path.invalid');

/**
 * Only paths within this site may be returned to after signing in. Dot segments are resolved (also
 * when written %2e%2e) by the WHATWG URL parser, as a browser would resolve them, and what comes
 * out must still be a path on this site (not "//host", which a browser reads as another site).
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_RETURN_PATH) return undefined;
  if (!value.startsWith('/') || value.startsWith('//')) return undefined;
  // A backslash is a slash to the URL parser and to browsers; controls are stripped by both.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE.origin) return undefined;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith('//') ? undefined : path;
}

/** The sign-in page, remembering where to go afterwards in its own address (no session needed). */
function loginUrl(returnTo: unknown): string {
  const path = safeReturnPath(returnTo);
  return path && path !== '/' ? `/login?next=${encodeURIComponent(path)}` : '/login';
}

/**
 * Whether the browser says this request comes from one of the tracker's own pages. Browsers send
 * Origin on every POST and Sec-Fetch-Site on every request to a secure origin (localhost included);
 * every header present must agree, and a request with neither is not trusted to be ours.
 */
export function isSameOrigin(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  if (site === undefined && origin === undefined) return false;
  if (site !== undefined && site !== 'same-origin') return false;
  if (origin !== undefined && origin !== `${req.protocol}://${req.host}`) return false;
  return true;
}

function wantsPage(req: Request): boolean {
  return req.method === 'GET' || req.method === 'HEAD';
}

/**
 * Deny by default: anything mounted after this needs a signed-in, active user. A visitor asking for
 * a page is sent to sign in with the page in the address, and nothing is stored. A form posted
 * without a signed-in user is kept for after signing in only when it comes from our own page with
 * the cookie of a session that has since expired (a member whose session ended mid-form); anything
 * else, a cross-site post in particular, is refused without touching the session or its cookie.
 */
export function requireSignedIn(sessionSecret: string): RequestHandler {
  return (req, res, next) => {
    if (req.user) return next();
    if (wantsPage(req)) return res.redirect(303, loginUrl(req.originalUrl));
    if (!isSameOrigin(req) || !sentExpiredSession(req, sessionSecret)) return next(new HttpError(403, 'shared:errors.notSignedIn'));
    keepPendingForm(req);
    res.redirect(303, loginUrl(req.originalUrl));
  };
}

/** The user's role must be at least `role`; checked on the server for every request. */
export function requireRole(role: Role): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) return next(new ForbiddenError());
    if (!hasRole(req.user, role)) return next(new ForbiddenError());
    next();
  };
}
