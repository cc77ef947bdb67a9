import { Router } from 'express';
import type { Db } from '../db';
import { flash } from '../shared/flash';
import { passwordProblem } from './passwords';
import { createThrottle } from './throttle';
import { changePassword, checkCurrentPassword } from './users.service';
import { formBody, signedInUser } from '../shared/params';

/** The signed-in user's own account: their password. */
export function accountRouter(db: Db): Router {
  const router = Router();
  const throttle = createThrottle(db);

  router.get('/account', (_req, res) => {
    res.render('auth/account');
  });

  router.post('/account/password', async (req, res) => {
    const user = signedInUser(req);
    const body = formBody(req);
    // Passwords as typed: never trimmed, so only a string is read.
    const [current, next] = [body.current_password, body.new_password].map((v) => (typeof v === 'string' ? v : ''));
    const check = await checkCurrentPassword(db, throttle, user, current);
    if ('reason' in check) {
      res.set('Retry-After', String(check.retryAfterSeconds));
      return res.status(429).render('auth/account', { errors: { current_password: 'auth:account.throttled' } });
    }
    const errors: Record<string, string> = {};
    if (!check.ok) errors.current_password = 'auth:account.wrongPassword';
    const problem = passwordProblem(next);
    if (problem) errors.new_password = problem;
    if (Object.keys(errors).length) return res.status(422).render('auth/account', { errors });
    const cutOff = await changePassword(db, user.id, next, user.id);
    // Every other session of this user ends; this one stays signed in.
    req.session.authenticatedAt = cutOff.getTime() + 1;
    flash(req, 'success', req.t('auth:account.passwordChanged'));
    res.redirect(303, '/account');
  });

  return router;
}
