import { Router, Request, Response } from 'express';
import type { Db } from '../db';
import { requireRole } from '../shared/auth-guards';
import { flash } from '../shared/flash';
import { paginate } from '../shared/pagination';
import { takePendingForm } from '../shared/pending-form';
import { text } from '../shared/validation';
import { listAsks, listCampaigns } from './campaigns.repo';
import { campaignOr404, saveCampaign } from './campaigns.service';
import { askRows, EMPTY_ASK_ROWS, parseCampaignForm } from './campaigns.validate';
import { countTargets, listTargets } from './targets.repo';
import { formBody, signedInUser } from '../shared/params';
import { labelsFor } from '../vocab/labels';

const TARGETS_PER_PAGE = 50;

/** Campaigns, their asks, goals and targets: run by coordinators and admins. */
export function campaignsRouter(db: Db): Router {
  const router = Router();
  const coordinator = requireRole('coordinator');

  router.get('/', coordinator, async (_req, res) => {
    res.render('campaigns/index', { campaigns: await listCampaigns(db) });
  });

  router.get('/new', coordinator, (req, res) => {
    const pending = takePendingForm(req);
    // A kept form never carries `active` (pending-form.ts): a new campaign starts active, as a blank form does.
    renderForm(res, null, pending ? rawValues({ ...pending, active: 'on' }) : { active: true, asks: [] });
  });

  router.post('/new', coordinator, (req, res) => save(req, res, null));

  router.get('/:id', coordinator, async (req, res) => {
    const campaign = await campaignOr404(db, req.params.id);
    const counts = await countTargets(db, campaign.id);
    const pageInfo = paginate(req.query.page, counts.all, TARGETS_PER_PAGE);
    res.render('campaigns/show', {
      campaign, counts, pageInfo,
      asks: await listAsks(db, campaign.id),
      targets: await listTargets(db, campaign.id, pageInfo),
    });
  });

  router.get('/:id/edit', coordinator, async (req, res) => {
    const campaign = await campaignOr404(db, req.params.id);
    const pending = takePendingForm(req);
    if (pending) return renderForm(res, campaign, rawValues({ ...pending, active: campaign.active ? 'on' : '' }));
    const asks = (await listAsks(db, campaign.id)).map((a) => ({ id: String(a.id), text: a.text, text_fr: a.text_fr, position: String(a.position) }));
    renderForm(res, campaign, { ...campaign, starts_on: campaign.starts_on ?? '', ends_on: campaign.ends_on ?? '', goal_date: campaign.goal_date ?? '', asks });
  });

  router.post('/:id/edit', coordinator, async (req, res) => save(req, res, await campaignOr404(db, req.params.id)));


  /** "Add rows" re-shows the form with more empty ask rows and saves nothing: no script needed. */
  async function save(req: Request, res: Response, campaign: { id: number; name: string } | null) {
    const body = formBody(req);
    if (text(body.add_rows)) {
      const rows = askRows(body.asks);
      const empty = rows.filter((a) => !a.text && !a.text_fr).length;
      return renderForm(res, campaign, rawValues(body), {}, empty + EMPTY_ASK_ROWS);
    }
    const form = parseCampaignForm(body);
    if (!form.ok) return renderForm(res.status(422), campaign, form.values, form.errors);
    const result = await saveCampaign(db, signedInUser(req).id, campaign?.id ?? null, form.value);
    if (!result.ok) return renderForm(res.status(422), campaign, rawValues(body), result.errors);
    flash(req, 'success', req.t(campaign ? 'campaigns:updated' : 'campaigns:created', { name: labelsFor(req.lang).text(form.value.name, form.value.name_fr) }));
    res.redirect(303, `/campaigns/${result.id}`);
  }

  return router;
}

/** What the user typed, to show back (never req.body itself). */
function rawValues(body: Record<string, unknown>) {
  const form = parseCampaignForm(body);
  return form.ok ? { ...form.value, asks: askRows(body.asks) } : form.values;
}

function renderForm(res: Response, campaign: { id: number; name: string } | null, values: Record<string, unknown>,
  errors: Record<string, string> = {}, emptyRows = EMPTY_ASK_ROWS) {
  const filled = ((values.asks as { text: string; text_fr?: string }[] | undefined) ?? []).filter((a) => a.text || a.text_fr);
  const rows = [...filled, ...Array.from({ length: emptyRows }, () => ({ id: '', text: '', text_fr: '', position: '' }))];
  res.render('campaigns/form', { campaign, values: { ...values, asks: rows }, errors });
}
