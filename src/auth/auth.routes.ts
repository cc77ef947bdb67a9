import { Router, Request, RequestHandler, Response, NextFunction } from 'express';
import type { PassportStatic } from 'passport';
import type { Db } from '../db';
import { safeReturnPath } from '../shared/auth-guards';
import { csrfProtection, signInTokens } from '../shared/csrf';
import { flash } from '../shared/flash';
import { NotFoundError } from '../shared/errors';
import { isLanguage } from '../i18n/i18n';
import { MAX_LENGTH, text } from '../shared/validation';
import { createFirstAdmin } from './setup.service';
import { parseUserForm } from './users.validate';
import { signInProblems } from './sign-in.validate';
import { updateUser } from './users.repo';
import type { FirstRun } from './first-run';

/** Sign in, sign out, first-run setup and the language switch: the pages open to everyone. */
export function authRouter(db: Db, passport: PassportStatic, firstRun: FirstRun, sessionSecret: string): Router {
  const router = Router();
  const signIn = signInTokens(sessionSecret);

  router.get('/login', signIn.issue, (req, res) => {
    if (req.user) return res.redirect(303, '/');
    res.render('auth/login', { values: {}, formKept: !!req.session.pendingForm });
  });

  // Refused in front of passport: an unreadable e-mail costs no password check and no query.
  const readableSignIn: RequestHandler = (req, res, next) => {
    const refused = signInProblems(req.body ?? {});
    if (!refused) return next();
    res.status(422).render('auth/login', { ...refused, formKept: !!req.session.pendingForm });
  };

  router.post('/login', signIn.check, signIn.issue, readableSignIn, (req: Request, res: Response, next: NextFunction) => {
    passport.authenticate('local', (err: unknown, user: Express.User | false, info?: { message?: string; retryAfterSeconds?: number }) => {
      if (err) return next(err);
      const values = { email: text(req.body?.email, MAX_LENGTH.email) };
      if (!user) {
        // Refused at once, with when to come back: never a request held open as the delay.
        const throttled = info?.message === 'throttled';
        if (throttled) res.set('Retry-After', String(info?.retryAfterSeconds ?? 900));
        res.status(throttled ? 429 : 401);
        return res.render('auth/login', { values, formKept: !!req.session.pendingForm,
          loginError: throttled ? 'auth:login.throttled' : 'auth:login.invalid' });
      }
      // Passport regenerates the session at login; carry over only what the user was doing.
      const { returnTo, pendingForm, lang } = req.session;
      req.login(user, (loginErr) => {
        if (loginErr) return next(loginErr);
        Object.assign(req.session, { authenticatedAt: Date.now(), pendingForm, lang });
        res.redirect(303, safeReturnPath(returnTo) ?? '/');
      });
    })(req, res, next);
  });

  // Signing out when not signed in changes nothing: no token needed to be sent to the sign-in page.
  router.post('/logout', (req, res, next) => (req.user ? next() : res.redirect(303, '/login')), csrfProtection, (req, res, next) => {
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy((destroyErr) => {
        if (destroyErr) return next(destroyErr);
        res.clearCookie('mpt.sid');
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
    const form = parseUserForm(req.body ?? {}, { role: 'admin' });
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

  router.get('/language/:lang', async (req, res) => {
    const lang = req.params.lang;
    if (isLanguage(lang)) {
      req.session.lang = lang;
      if (req.user) await updateUser(db, req.user.id, { language: lang });
    }
    res.redirect(303, safeReturnPath(req.query.next) ?? '/');
  });

  return router;
}
