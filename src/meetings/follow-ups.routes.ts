import { Request, Response, Router } from 'express';
import type { Db } from '../db';
import { formatters } from '../i18n/i18n';
import { safeReturnPath } from '../shared/auth-guards';
import { ForbiddenError } from '../shared/errors';
import { flash } from '../shared/flash';
import { paginate, withParams } from '../shared/pagination';
import { formBody, paramId, signedInUser } from '../shared/params';
import { id, text, today } from '../shared/validation';
import { parseFollowUpFilters } from './follow-up-filters';
import { followUpFilterChoices } from './follow-up-list.repo';
import { followUpListView } from './follow-up-list.view';
import { bulkChange } from './follow-ups-bulk.service';
import { BulkInput, BulkValues, parseBulkForm } from './follow-ups-bulk.validate';
import { followUpsPage, markDone, reassign, reopen } from './follow-ups.service';
import { worksAcrossLocals } from './policy';
import { rememberList } from '../shared/nav';

type Refusal = { errors: Record<string, string>; bulk: BulkValues };

/** What a bulk action that went through says it did. */
const bulkDone = (input: BulkInput, changed: number) =>
  !changed ? 'nothingChanged' : input.action === 'done' ? 'markedDone' : input.assignee_id === null ? 'unassigned' : 'reassigned';

/**
 * /follow-ups: those the user may see (every local's for coordinators), filtered and paginated,
 * overdue first; done, reopen and reassign are one form POST each, and coordinators act on the
 * rows they tick at once (POST /follow-ups/bulk).
 */
export function followUpsRouter(db: Db): Router {
  const router = Router();
  const back = (body: Record<string, unknown> | undefined) => safeReturnPath(body?.return_to) ?? '/follow-ups';

  /** The list for `query` (the address, or the bulk form's hidden fields); a refused bulk action keeps its ticks and says why. */
  async function renderList(req: Request, res: Response, query: Record<string, unknown>, refusal?: Refusal) {
    const user = signedInUser(req);
    const parsed = parseFollowUpFilters(query);
    const render = (status: number, data: Parameters<typeof followUpListView>[3], errors: Record<string, string>) =>
      res.status(status).render('meetings/follow-ups', followUpListView(req.t, formatters(req.lang), parsed.values, data,
        { lang: req.lang, everyLocal: worksAcrossLocals(user), errors, bulk: refusal?.bulk }));
    if (!parsed.ok) {
      const empty = { rows: [], pageInfo: paginate(1, 0), people: [], choices: await followUpFilterChoices(db), today: today() };
      return render(422, empty, { ...parsed.errors, ...refusal?.errors });
    }
    const page = await followUpsPage(db, user, parsed.value, query.page);
    if (req.method === 'GET') rememberList(req, res, 'followUps');
    render(refusal ? 422 : 200, page, refusal?.errors ?? {});
  }

  router.get('/', (req, res) => renderList(req, res, req.query));

  router.post('/bulk', async (req, res) => {
    const user = signedInUser(req);
    if (!worksAcrossLocals(user)) throw new ForbiddenError();
    const body = formBody(req);
    const form = parseBulkForm(body);
    if (!form.ok) return renderList(req, res, body, { errors: form.errors, bulk: form.values });
    const result = await bulkChange(db, user, form.value);
    if (!result.ok) return renderList(req, res, body, { errors: result.errors, bulk: form.values });
    flash(req, 'success', req.t(`meetings:followUps.bulk.${bulkDone(form.value, result.changed)}`, { count: result.changed }));
    const { values } = parseFollowUpFilters(body);
    res.redirect(303, withParams('/follow-ups', values, { page: text(body.page) }));
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
