import type { Db } from '../db';
import { Campaign, campaignChoices, defaultCampaign, findCampaign, listAsks } from '../campaigns/campaigns.repo';
import { localChoices, targetChoices } from '../campaigns/targets.repo';
import { claimRights } from '../campaigns/targets.service';
import { hasRole } from '../shared/auth-guards';
import type { ActivityFilters } from '../shared/filters';
import { paginate } from '../shared/pagination';
import type { SessionUser } from '../shared/types';
import { today as todayInCanada } from '../shared/validation';
import { coverage, headline, meetingsPerWeek, Scope, stanceDistribution } from './dashboard.repo';
import { addDays, comparePeriods, pace } from './periods';
import { activityByLocal, countWorklist, idle, worklist } from './worklist.repo';

/** The most weeks the chart shows: the last two years of a longer campaign. */
const MAX_WEEKS = 104;
const WORKLIST_PAGE = 25;

/**
 * What a user may see: coordinators and admins everything, a member only their own local's
 * meetings (whatever local they ask for). A member without a local has no scope at all.
 */
export function scopeFor(user: SessionUser, filters: ActivityFilters, campaignId: number): Scope | undefined {
  if (hasRole(user, 'coordinator')) return { ...filters, campaign_id: campaignId };
  return user.local_id ? { ...filters, campaign_id: campaignId, local_id: user.local_id } : undefined;
}

/** The campaign the filters name, else the default one; undefined when there is none at all. */
export async function chosenCampaign(db: Db, filters: ActivityFilters): Promise<Campaign | undefined> {
  return filters.campaign_id ? findCampaign(db, filters.campaign_id) : defaultCampaign(db);
}

export async function filterChoices(db: Db, user: SessionUser) {
  const { parties } = await targetChoices(db);
  return { campaigns: await campaignChoices(db), locals: hasRole(user, 'coordinator') ? await localChoices(db) : [], parties };
}

/** Every figure of the dashboard, each from its own SQL aggregate. */
export async function dashboard(db: Db, user: SessionUser, campaign: Campaign, s: Scope, pageParam: unknown, today = todayInCanada()) {
  const periods = comparePeriods(s.from, s.to, today);
  const current = await headline(db, s, periods.current, periods.current.asOf);
  const previous = await headline(db, s, periods.previous, periods.previous.asOf);
  // The pace is about the whole campaign so far, whatever dates are chosen.
  const soFar = s.from || s.to ? await headline(db, s, {}, today) : current;
  const weeks = weekRange(campaign, s, today);
  const pageInfo = paginate(pageParam, await countWorklist(db, s), WORKLIST_PAGE);
  return {
    periods, current, previous,
    pace: pace(soFar.met, soFar.targets, campaign.starts_on, campaign.goal_date ?? campaign.ends_on, today),
    coverage: await coverage(db, s, periods.current),
    stances: await stanceDistribution(db, s, periods.current),
    weekly: await meetingsPerWeek(db, s, weeks.from, weeks.to),
    locals: await activityByLocal(db, s, s.from, s.to),
    idle: await idle(db, s),
    asks: await listAsks(db, campaign.id),
    worklist: { pageInfo, rows: (await worklist(db, s, pageInfo)).map((r) => ({ ...r, ...claimRights(user, r.claimed_by_local_id) })) },
  };
}

/** The weeks the chart covers: the chosen dates, else the campaign's, else the last twelve weeks. */
function weekRange(campaign: Campaign, s: Scope, today: string): { from: string; to: string } {
  const end = campaign.ends_on && campaign.ends_on < today ? campaign.ends_on : today;
  const to = s.to ?? end;
  let from = s.from ?? campaign.starts_on ?? addDays(to, -7 * 12);
  if (from > to) from = to;
  const earliest = addDays(to, -7 * (MAX_WEEKS - 1));
  return { from: from < earliest ? earliest : from, to };
}
