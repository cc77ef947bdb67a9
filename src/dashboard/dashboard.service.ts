import type { Db } from '../db';
import { Campaign, campaignChoices, defaultCampaign, findCampaign } from '../campaigns/campaigns.repo';
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

/**
 * Every figure of the dashboard, each from its own SQL aggregate. The queries are independent, so
 * they run side by side on a pool (one after another on the embedded database's one connection).
 */
export async function dashboard(db: Db, user: SessionUser, campaign: Campaign, s: Scope, pageParam: unknown, today = todayInCanada()) {
  const periods = comparePeriods(s.from, s.to, today);
  const weeks = weekRange(campaign, s, today);
  const [current, previous, soFar, coverageRows, stances, weekly, locals, silent, worklistTotal] = await Promise.all([
    headline(db, s, periods.current, periods.current.asOf),
    headline(db, s, periods.previous, periods.previous.asOf),
    // The pace is about the whole campaign so far, whatever dates are chosen.
    s.from || s.to ? headline(db, s, {}, today) : undefined,
    coverage(db, s, periods.current),
    stanceDistribution(db, s, periods.current),
    meetingsPerWeek(db, s, weeks.from, weeks.to),
    activityByLocal(db, s, s.from, s.to),
    idle(db, s),
    countWorklist(db, s),
  ]);
  const pageInfo = paginate(pageParam, worklistTotal, WORKLIST_PAGE);
  const rows = await worklist(db, s, pageInfo);
  const sofar = soFar ?? current;
  return {
    periods, current, previous, stances, weekly, locals, idle: silent,
    pace: pace(sofar.met, sofar.targets, campaign.starts_on, campaign.goal_date ?? campaign.ends_on, today),
    coverage: coverageRows,
    worklist: { pageInfo, rows: rows.map((r) => ({ ...r, ...claimRights(user, r.claimed_by_local_id) })) },
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
