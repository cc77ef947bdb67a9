import session from 'express-session';
import type { Knex } from 'knex';
import type { RequestHandler } from 'express';
import type { Config } from '../config';
import { createSessionStore } from './session-store';
import type { Logger } from '../shared/logger';
import { markedSaved } from '../shared/flash';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../shared/session-cookie';

export const IDLE_LIMIT_MS = 30 * 60 * 1000;
export const ABSOLUTE_LIMIT_MS = 12 * 60 * 60 * 1000;

export function sessionMiddleware(knex: Knex, config: Config): RequestHandler {
  // One store per cookie name: express-session sets its store's generate() to make sessions with its
  // own cookie options, so two middlewares sharing a store would make each other's cookies.
  const storeFor = (prune: boolean) => createSessionStore(knex, {
    tableName: 'sessions',
    createTableIfMissing: false,
    pruneSessionInterval: config.env === 'test' || !prune ? false : 15 * 60,
    disableTouch: true, // touchSession pushes the expiry back instead, at most once a minute
    // The stored session ends after the idle limit. The cookie itself has no expiry (it goes with the
    // browser): a form posted after the idle limit then still carries it, which is how the tracker
    // tells a member whose session expired (their form is kept) from a stranger (refused).
    ttl: IDLE_LIMIT_MS / 1000,
  });
  const options = (name: string, secure: boolean, prune: boolean): session.SessionOptions => ({
    name,
    secret: config.sessionSecret,
    store: storeFor(prune),
    resave: false,
    saveUninitialized: false,
    rolling: true, // every request pushes the idle limit back
    proxy: config.trustProxy !== false,
    cookie: { httpOnly: true, sameSite: 'lax', secure, path: '/' },
  });
  const plain = session(options(SESSION_COOKIE, false, true));
  const prefixed = config.env === 'production' ? session(options(SECURE_SESSION_COOKIE, true, false)) : undefined;
  return (req, res, next) => {
    const handler = prefixed && req.secure ? prefixed : plain;
    req.sessionCookieName = handler === plain ? SESSION_COOKIE : SECURE_SESSION_COOKIE;
    handler(req, res, next);
  };
}

/** How far behind the last request the stored expiry may fall: the idle limit is 30 minutes, give or take this. */
export const TOUCH_EVERY_MS = 60_000;

/**
 * Pushes a signed-in session's idle limit back by saving it, at most once a minute. The store's own
 * touch is an UPDATE and a commit on every request: on a real PostgreSQL that write cost more than
 * the rest of a page.
 */
export const touchSession: RequestHandler = (req, _res, next) => {
  const last = req.session?.touchedAt ?? 0;
  if (req.user && !(Date.now() - last < TOUCH_EVERY_MS)) req.session.touchedAt = Date.now();
  next();
};

/** Ends a session that signed in more than 12 hours ago, however active it has been since. */
export const absoluteLimit: RequestHandler = (req, res, next) => {
  const started = req.session?.authenticatedAt;
  if (req.user && started && Date.now() - started > ABSOLUTE_LIMIT_MS) {
    return req.session.destroy((err) => (err ? next(err) : res.redirect(303, '/login')));
  }
  next();
};

/** A session's data, without its cookie (which rolls on every request). */
const contentOf = (sess: object) => JSON.stringify(sess, (key, value: unknown) => (key === 'cookie' ? undefined : value));

/**
 * A browser may follow a redirect as soon as it has the headers, while express-session saves a
 * changed session only as the response ends: the next page could then read the session as it was
 * (not signed in yet, a message lost). A redirect therefore waits until a changed session is saved.
 *
 * When that save fails (the database restarting), what the request wrote has already committed:
 * answering "nothing was saved" would be false, and trying again would save it twice. So the
 * redirect goes ahead, losing only the session's change (at worst the message), which is logged; if
 * that change held a success message, the URL says `saved=1` and the next page says so instead.
 * The one exception is a form kept for after signing in again: it was not acted on, and the error
 * page leaves it in the browser, where going back finds it.
 */
export function saveBeforeRedirect(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const before = req.session ? contentOf(req.session) : undefined;
    const formBefore = JSON.stringify(req.session?.pendingForm);
    const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
    res.redirect = ((...args: unknown[]) => {
      const sess = req.session;
      if (!sess || contentOf(sess) === before) return redirect(...args);
      sess.save((err) => {
        if (!err) return redirect(...args);
        if (sess.pendingForm && JSON.stringify(sess.pendingForm) !== formBefore) return next(err);
        const lostSuccess = (sess.flash ?? []).some((m) => m.type === 'success');
        logger.warn({ err, method: req.method, url: req.originalUrl, userId: req.user?.id, lostSuccess }, 'session not saved before a redirect; redirecting anyway');
        redirect(...(lostSuccess ? [...args.slice(0, -1), markedSaved(args.at(-1))] : args));
      });
    });
    next();
  };
}

/**
 * express-session saves a changed session as the response ends, after the headers (and most of the
 * page) went out; when that save fails it calls `next(err)` a second time, which reaches the error
 * handler (or Express's last resort) with the headers sent: the socket is destroyed and the browser
 * sees a reset instead of the page it was being sent. Any later call is logged instead; the page
 * arrives whole, and only the session's change is lost.
 */
export function logLateSessionErrors(middleware: RequestHandler, logger: Logger): RequestHandler {
  return (req, res, next) => {
    let passedOn = false;
    middleware(req, res, (err?: unknown) => {
      if (!passedOn) {
        passedOn = true;
        return next(err);
      }
      if (err) logger.warn({ err, method: req.method, url: req.originalUrl, status: res.statusCode, userId: req.user?.id }, 'session not saved at the end of a response');
    });
  };
}
