import { Router } from 'express';
import type { Db } from '../db';
import { isLanguage } from '../i18n/i18n';
import { safeReturnPath } from '../shared/auth-guards';
import { csrfProtection } from '../shared/csrf';
import { LANGUAGE_COOKIE } from '../shared/locals';
import { updateUser } from './users.repo';

const A_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * POST /language: the switch on every page is a small form (a link would let any page, or a
 * prefetch, change a user's saved choice). A signed-in user's choice is saved with their account,
 * behind the CSRF token like any change; a visitor's goes in a cookie of its own, never in a session
 * row. A visitor's form needs no token: the cookie only sets the language their own browser is shown.
 */
export function languageSwitch(db: Db): Router {
  const router = Router();
  router.post('/language', (req, res, next) => (req.user ? csrfProtection(req, res, next) : next()), async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    const lang = body?.lang;
    if (isLanguage(lang)) {
      if (req.user) await updateUser(db, req.user.id, { language: lang });
      res.cookie(LANGUAGE_COOKIE, lang, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: A_YEAR_MS });
    }
    res.redirect(303, safeReturnPath(body?.next) ?? '/');
  });
  return router;
}
