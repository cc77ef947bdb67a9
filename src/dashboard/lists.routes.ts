import { Router, Request, Response } from 'express';
import type { TFunction } from 'i18next';
import type { Db } from '../db';
import { formatters } from '../i18n/i18n';
import { labelsFor } from '../vocab/labels';
import { hasRole } from '../shared/auth-guards';
import { filterTags, periodValue } from '../shared/filter-tags';
import { NotFoundError } from '../shared/errors';
import { signedInUser } from '../shared/params';
import { paginate } from '../shared/pagination';
import { dashboardList, ListKind } from './lists.service';
import { parseListFilters } from './lists.validate';

const PATHS: Record<ListKind, string> = { targets: '/dashboard/targets', met: '/dashboard/officials-met' };

/** The list's filters as tags: the campaign stays (a list is always about one), and so does a member's own local. */
function listTags(t: TFunction, lang: Request['lang'], kind: ListKind, query: Record<string, unknown>, names: { campaign: string; local: string | null }, localFixed: boolean) {
  return filterTags(t, PATHS[kind], query, [
    { keys: ['campaign'], label: 'dashboard:filters.campaign', value: () => names.campaign, removable: false },
    { keys: ['province'], label: 'dashboard:filters.province', value: ([p]) => labelsFor(lang).province(p) },
    { keys: ['party'], label: 'dashboard:filters.party', value: ([p]) => labelsFor(lang).party(p) },
    { keys: ['local'], label: 'dashboard:filters.local', value: ([id]) => names.local ?? id, removable: !localFixed },
    { keys: ['from', 'to'], label: 'shared:filterTags.period', value: periodValue(t, formatters(lang)) },
    { keys: ['met'], label: 'dashboard:lists.met', value: ([m]) => t(m === '1' ? 'dashboard:lists.metTagYes' : 'dashboard:lists.metTagNo') },
    { keys: ['stance'], label: 'dashboard:stances.stance', value: ([s]) => (s === 'favourable' ? t('dashboard:lists.favourable') : s === 'none' ? t('dashboard:stances.none') : labelsFor(lang).stance(s)) },
  ]);
}

/**
 * The lists the dashboard's figures open: the campaign's targets (met or not, by stance) and the
 * officials met, with the dashboard's filters; each says its filters and its count.
 */
export function dashboardListsRouter(db: Db): Router {
  const router = Router();

  async function show(req: Request, res: Response, kind: ListKind) {
    const user = signedInUser(req);
    const parsed = parseListFilters(req.query);
    const view = { kind, values: parsed.values, tags: [], rows: [], pageInfo: paginate(1, 0), campaign: null };
    if (!parsed.ok) return res.status(422).render('dashboard/list', { ...view, errors: parsed.errors });
    const found = await dashboardList(db, user, kind, parsed.filters, parsed.targets, req.query.page);
    if (found.found === 'noCampaign') {
      if (parsed.filters.campaign_id) throw new NotFoundError();
      return res.render('dashboard/list', { ...view, noCampaign: true });
    }
    if (found.found === 'noLocal') return res.render('dashboard/list', { ...view, campaign: found.campaign, noLocal: true });
    const { campaign, scope } = found;
    const query = { ...parsed.values, campaign: campaign.id, local: scope.local_id };
    const coordinator = hasRole(user, 'coordinator');
    res.render('dashboard/list', {
      ...view, campaign, rows: found.rows, pageInfo: found.pageInfo, params: query,
      tags: listTags(req.t, req.lang, kind, query, { campaign: labelsFor(req.lang).text(campaign.name, campaign.name_fr), local: found.localName },
        !coordinator && (kind === 'met' || parsed.targets.stance !== undefined)),
      // A member's view of the whole campaign says met or not, not the stances their local did not hear.
      showStance: coordinator || scope.local_id !== undefined,
      back: { campaign: campaign.id, province: scope.province, party: scope.party, local: coordinator ? scope.local_id : undefined, from: scope.from, to: scope.to },
    });
  }

  router.get('/targets', (req, res) => show(req, res, 'targets'));
  router.get('/officials-met', (req, res) => show(req, res, 'met'));
  return router;
}
