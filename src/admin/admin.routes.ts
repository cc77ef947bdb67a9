import { Router } from 'express';
import type { Db } from '../db';
import { requireRole } from '../shared/auth-guards';
import { adminUsersRouter } from './users.routes';
import { adminLocalsRouter } from './locals.routes';

/** /admin: users, locals and roles, for administrators only (everyone else gets 403). */
export function adminRouter(db: Db): Router {
  const router = Router();
  router.use(requireRole('admin'));
  router.get('/', (_req, res) => { res.redirect(303, '/admin/users'); });
  router.use('/users', adminUsersRouter(db));
  router.use('/locals', adminLocalsRouter(db));
  return router;
}
