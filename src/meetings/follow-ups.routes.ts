import { Router } from 'express';
import type { Db } from '../db';
import { safeReturnPath } from '../shared/auth-guards';
import { flash } from '../shared/flash';
import { id, text, today } from '../shared/validation';
import { peopleChoices } from './lookups.repo';
import { followUpsPage, markDone, reassign, reopen } from './follow-ups.service';
import { formBody, paramId, signedInUser } from '../shared/params';

/** /follow-ups: mine and my local's, overdue first; done, reopen and reassign are one form POST each. */
export function followUpsRouter(db: Db): Router {
  const router = Router();
  const back = (body: Record<string, unknown> | undefined) => safeReturnPath(body?.return_to) ?? '/follow-ups';

  router.get('/', async (req, res) => {
    const scope = req.query.state === 'done' ? 'done' : 'open';
    const { rows, pageInfo } = await followUpsPage(db, signedInUser(req), scope, req.query.page);
    // Those already assigned stay listed, so that each row's select shows its current assignee.
    const already = rows.map((r) => r.assignee_id).filter((a): a is number => !!a);
    const people = await peopleChoices(db, signedInUser(req), { already });
    res.render('meetings/follow-ups', { rows, pageInfo, scope, people, today: today(), params: scope === 'done' ? { state: 'done' } : {} });
  });

  router.post('/:id/done', async (req, res) => {
    const row = await markDone(db, signedInUser(req), paramId(req.params.id));
    flash(req, 'success', req.t('meetings:followUps.markedDone', { description: row.description }));
    res.redirect(303, back(formBody(req)));
  });

  router.post('/:id/reopen', async (req, res) => {
    const row = await reopen(db, signedInUser(req), paramId(req.params.id));
    flash(req, 'success', req.t('meetings:followUps.reopened', { description: row.description }));
    res.redirect(303, back(formBody(req)));
  });

  router.post('/:id/assign', async (req, res) => {
    const raw = text(formBody(req).assignee_id);
    const assignee = raw ? id(raw) : null;
    const ok = assignee !== undefined && (await reassign(db, signedInUser(req), paramId(req.params.id), assignee));
    flash(req, ok ? 'success' : 'error', req.t(ok ? 'meetings:followUps.reassigned' : 'meetings:errors.assignee'));
    res.redirect(303, back(formBody(req)));
  });

  return router;
}
