import { Router, Handler, Request, RequestHandler, Response, NextFunction } from 'express';
import type { Authenticator } from 'passport';
import type { Db } from '../db';
import { safeReturnPath } from '../shared/auth-guards';
import { SESSION_COOKIE } from '../shared/session-cookie';
import { csrfProtection, signInTokens } from '../shared/csrf';
import { flash } from '../shared/flash';
import { NotFoundError } from '../shared/errors';
import { MAX_LENGTH, text } from '../shared/validation';
import { createFirstAdmin } from './setup.service';
import { parseUserForm } from './users.validate';
import { signInProblems } from './sign-in.validate';
import type { FirstRun } from './first-run';
import { languageSwitch } from './language.routes';
import { formBody } from '../shared/params';

/**
 * What this router uses of passport: authenticate(), which passport's types leave returning any,
 * and which with the express framework returns a request handler.
 */
type Passport = Pick<Authenticator<Handler, RequestHandler>, 'authenticate'>;

/** Sign in, sign out, first-run setup and the language switch: the pages open to everyone. */
export function authRouter(db: Db, passport: Passport, firstRun: FirstRun, sessionSecret: string): Router {
  const router = Router();
  const signIn = signInTokens(sessionSecret);

  // Where to go after signing in travels in the address (/login?next=/meetings/5) and then in the
  // form, so that a visitor who is sent to sign in costs no session.
  router.get('/login', signIn.issue, (req, res) => {
    if (req.user) return res.redirect(303, safeReturnPath(req.query.next) ?? '/');
    res.render('auth/login', { values: {}, next: safeReturnPath(req.query.next), formKept: !!req.session.pendingForm });
  });

  // Refused in front of passport: an unreadable e-mail costs no password check and no query.
  const readableSignIn: RequestHandler = (req, res, next) => {
    const refused = signInProblems(formBody(req));
    if (!refused) return next();
    res.status(422).render('auth/login', { ...refused, next: safeReturnPath(formBody(req).next), formKept: !!req.session.pendingForm });
  };

  router.post('/login', signIn.check, signIn.issue, readableSignIn, (req: Request, res: Response, next: NextFunction) => {
    passport.authenticate('local', (err: unknown, user: Express.User | false, info?: { message?: string; retryAfterSeconds?: number }) => {
      if (err) return next(err);
      const body = formBody(req);
      const values = { email: text(body.email, MAX_LENGTH.email) };
      const returnTo = safeReturnPath(body.next) ?? safeReturnPath(req.query.next);
      if (!user) {
        // Refused at once, with when to come back: never a request held open as the delay.
        const throttled = info?.message === 'throttled';
        if (throttled) res.set('Retry-After', String(info?.retryAfterSeconds ?? 900));
        res.status(throttled ? 429 : 401);
        return res.render('auth/login', { values, next: returnTo, formKept: !!req.session.pendingForm,
          loginError: throttled ? 'auth:login.throttled' : 'auth:login.invalid' });
      }
      // Passport regenerates the session at login; carry over only the form the member was filling in.
      const { pendingForm } = req.session;
      req.login(user, (loginErr) => {
        if (loginErr) return next(loginErr);
        Object.assign(req.session, { authenticatedAt: Date.now(), pendingForm });
        res.redirect(303, returnTo ?? '/');
      });
    })(req, res, next);
  });

  // Signing out when not signed in changes nothing: no token needed to be sent to the sign-in page.
  router.post('/logout', (req, res, next) => (req.user ? next() : res.redirect(303, '/login')), csrfProtection, (req, res, next) => {
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy((destroyErr) => {
        if (destroyErr) return next(destroyErr);
        res.clearCookie(req.sessionCookieName ?? SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.secure });
        res.redirect(303, '/login');
      });
    });
  });

  // Gone for good once a user exists, whatever the request carries.
  const setupOpen: RequestHandler = async (_req, _res, next) => {
    if (await firstRun.done()) throw new NotFoundError();
    next();
  };

  router.get('/setup', setupOpen, csrfProtection, (_req, res) => {
    res.render('auth/setup', { values: {} });
  });

  router.post('/setup', setupOpen, csrfProtection, async (req, res, next) => {
    const form = parseUserForm(formBody(req), { role: 'admin' });
    if (!form.ok) return res.status(422).render('auth/setup', { values: form.values, errors: form.errors });
    const result = await createFirstAdmin(db, { ...form.value, role: 'admin', local_id: null });
    if (!result.ok) return res.status(409).render('auth/setup', { values: { name: form.value.name, email: form.value.email }, errors: result.errors });
    firstRun.markDone();
    req.login(result.user, (err) => {
      if (err) return next(err);
      req.session.authenticatedAt = Date.now();
      flash(req, 'success', req.t('auth:setup.done'));
      res.redirect(303, '/');
    });
  });

  router.use(languageSwitch(db));

  return router;
}
