import { Router, Request } from 'express';
import type { Db } from '../db';
import { flash } from '../shared/flash';
import { NotFoundError } from '../shared/errors';
import { paginate } from '../shared/pagination';
import { takePendingForm } from '../shared/pending-form';
import { parseUserForm } from '../auth/users.validate';
import { changePassword, countUsers, createUser, findUserById, listUsers } from '../auth/users.service';
import { localChoices } from './locals.repo';
import { changeUserAccess } from './user-access.service';
import { parsePasswordResetForm, parseUserAccessForm } from './user-access.validate';
import { formBody, found, paramId, signedInUser } from '../shared/params';

/** Administrators list users, create them, change their role, local and active flag, reset passwords. */
export function adminUsersRouter(db: Db): Router {
  const router = Router();

  async function targetUser(req: Request) {
    return found(await findUserById(db, paramId(req.params.id)));
  }

  router.get('/', async (req, res) => {
    const pageInfo = paginate(req.query.page, await countUsers(db));
    res.render('admin/users', { users: await listUsers(db, pageInfo), pageInfo });
  });

  router.get('/new', async (req, res) => {
    // A kept form never carries the role or the local (pending-form.ts): they start as on a blank form.
    res.render('admin/user-new', { values: { ...takePendingForm(req), role: 'member' }, localList: await localChoices(db) });
  });

  router.post('/new', async (req, res) => {
    const form = parseUserForm(formBody(req));
    const localList = await localChoices(db);
    if (!form.ok) return res.status(422).render('admin/user-new', { values: form.values, errors: form.errors, localList });
    const result = await createUser(db, form.value, signedInUser(req).id);
    if (!result.ok) {
      const { password: _secret, ...values } = form.value;
      return res.status(422).render('admin/user-new', { values, errors: result.errors, localList });
    }
    flash(req, 'success', req.t('admin:users.created', { name: result.user.name }));
    res.redirect(303, '/admin/users');
  });

  router.get('/:id', async (req, res) => {
    const user = await targetUser(req);
    // A kept form never carries role, local or active (pending-form.ts): those show as the account has them.
    const pending = takePendingForm(req);
    const values = pending ? { ...pending, role: user.role, local_id: user.local_id, active: user.active } : user;
    res.render('admin/user-edit', { target: user, values, localList: await localChoices(db) });
  });

  router.post('/:id', async (req, res) => {
    const user = await targetUser(req);
    const form = parseUserAccessForm(formBody(req));
    const refuse = async (values: object, errors: Record<string, string>) =>
      res.status(422).render('admin/user-edit', { target: user, values, errors, localList: await localChoices(db) });
    if (!form.ok) return refuse(form.values, form.errors);
    const result = await changeUserAccess(db, signedInUser(req).id, user.id, form.value);
    if (!result) throw new NotFoundError();
    if (!result.ok) return refuse(form.value, result.errors);
    flash(req, 'success', req.t(result.changed ? 'admin:users.saved' : 'admin:users.unchanged', { name: user.name }));
    res.redirect(303, '/admin/users');
  });

  router.get('/:id/password', async (req, res) => {
    res.render('admin/user-password', { target: await targetUser(req) });
  });

  router.post('/:id/password', async (req, res) => {
    const user = await targetUser(req);
    const form = parsePasswordResetForm(formBody(req));
    if (!form.ok) return res.status(422).render('admin/user-password', { target: user, errors: form.errors });
    const cutOff = await changePassword(db, user.id, form.value.password, signedInUser(req).id);
    // Every session of that user ends; an administrator resetting their own keeps this one.
    if (user.id === signedInUser(req).id) req.session.authenticatedAt = cutOff.getTime() + 1;
    flash(req, 'success', req.t('admin:users.passwordReset', { name: user.name }));
    res.redirect(303, '/admin/users');
  });

  return router;
}
