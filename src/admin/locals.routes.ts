import { Router, Request } from 'express';
import type { Db } from '../db';
import { flash } from '../shared/flash';
import { NotFoundError } from '../shared/errors';
import { takePendingForm } from '../shared/pending-form';
import { findLocal, listLocalsWithCounts } from './locals.repo';
import { createLocal, editLocal } from './locals.service';
import { parseLocalForm } from './locals.validate';
import { formBody, found, paramId, signedInUser } from '../shared/params';

/** Administrators list the union's locals, create them and rename them. */
export function adminLocalsRouter(db: Db): Router {
  const router = Router();

  async function targetLocal(req: Request) {
    return found(await findLocal(db, paramId(req.params.id)));
  }

  router.get('/', async (_req, res) => {
    res.render('admin/locals', { localList: await listLocalsWithCounts(db) });
  });

  router.get('/new', (req, res) => {
    res.render('admin/local-form', { local: null, values: takePendingForm(req) ?? {} });
  });

  router.post('/new', async (req, res) => {
    const form = parseLocalForm(formBody(req));
    const refuse = (values: object, errors: Record<string, string>) => res.status(422).render('admin/local-form', { local: null, values, errors });
    if (!form.ok) return refuse(form.values, form.errors);
    const result = await createLocal(db, signedInUser(req).id, form.value);
    if (!result.ok) return refuse(form.value, result.errors);
    flash(req, 'success', req.t('admin:locals.created', { name: form.value.name }));
    res.redirect(303, '/admin/locals');
  });

  router.get('/:id', async (req, res) => {
    const local = await targetLocal(req);
    res.render('admin/local-form', { local, values: takePendingForm(req) ?? local });
  });

  router.post('/:id', async (req, res) => {
    const local = await targetLocal(req);
    const form = parseLocalForm(formBody(req));
    const refuse = (values: object, errors: Record<string, string>) => res.status(422).render('admin/local-form', { local, values, errors });
    if (!form.ok) return refuse(form.values, form.errors);
    const result = await editLocal(db, signedInUser(req).id, local.id, form.value);
    if (!result) throw new NotFoundError();
    if (!result.ok) return refuse(form.value, result.errors);
    flash(req, 'success', req.t('admin:locals.saved', { name: form.value.name }));
    res.redirect(303, '/admin/locals');
  });

  return router;
}
