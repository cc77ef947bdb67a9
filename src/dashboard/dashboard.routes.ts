import { Router } from 'express';
import type { Db } from '../db';
import { filterParams, parseActivityFilters } from '../shared/filters';
import { text } from '../shared/validation';
import { choicesAndCampaign, dashboard, scopeFor } from './dashboard.service';
import { signedInUser } from '../shared/params';
import { dashboardListsRouter } from './lists.routes';

/** The campaign's progress at a glance: coordinators and admins see all of it, members their local's. */
export function dashboardRouter(db: Db): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const user = signedInUser(req);
    const typed = Object.fromEntries(['campaign', 'province', 'party', 'local', 'from', 'to'].map((k) => [k, text(req.query[k])]));
    const parsed = parseActivityFilters(req.query);
    const found = await choicesAndCampaign(db, user, parsed.ok ? parsed.value : undefined);
    const choices = found.choices;
    if (!parsed.ok) return res.status(422).render('dashboard/index', { choices, values: typed, errors: parsed.errors, campaign: null });
    const campaign = found.campaign;
    if (!campaign) {
      const errors = parsed.value.campaign_id ? { campaign: 'shared:filters.badCampaign' } : {};
      return res.status(parsed.value.campaign_id ? 422 : 200).render('dashboard/index', { choices, values: typed, errors, campaign: null });
    }
    const scope = scopeFor(user, parsed.value, campaign.id);
    if (!scope) return res.render('dashboard/index', { choices, values: typed, campaign: null, noLocal: true });
    const figures = await dashboard(db, user, campaign, scope, req.query.page);
    res.render('dashboard/index', {
      choices, campaign, figures,
      values: { ...typed, campaign: String(campaign.id) },
      params: filterParams(scope),
      pageParams: filterParams({ ...parsed.value, campaign_id: campaign.id }),
    });
  });

  router.use(dashboardListsRouter(db));
  return router;
}
