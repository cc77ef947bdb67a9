import type { Db } from '../db';
import type { Campaign } from '../campaigns/campaigns.repo';
import { claimRights } from '../campaigns/targets.service';
import { hasRole } from '../shared/auth-guards';
import type { ActivityFilters } from '../shared/filters';
import { paginate } from '../shared/pagination';
import type { SessionUser } from '../shared/types';
import { today as todayInCanada } from '../shared/validation';
import type { Scope } from './dashboard.repo';
import { dashboardChoices, dashboardFigures } from './figures.repo';
import { addDays, comparePeriods, pace } from './periods';

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

/**
 * The filters' choices (locals for coordinators only) and the campaign the filters name, else the
 * default one (undefined when there is none at all, or `filters` is undefined: they did not parse).
 */
export function choicesAndCampaign(db: Db, user: SessionUser, filters: ActivityFilters | undefined) {
  return dashboardChoices(db, hasRole(user, 'coordinator'), filters !== undefined, filters?.campaign_id);
}

/** The filters' choices alone (the reports page offers the dashboard's filters). */
export async function filterChoices(db: Db, user: SessionUser) {
  return (await choicesAndCampaign(db, user, undefined)).choices;
}

/** Every figure of the dashboard, from one SQL statement. */
export async function dashboard(db: Db, user: SessionUser, campaign: Campaign, s: Scope, pageParam: unknown, today = todayInCanada()) {
  const periods = comparePeriods(s.from, s.to, today);
  const f = await dashboardFigures(db, s, {
    current: periods.current, previous: periods.previous,
    // The pace is about the whole campaign so far, whatever dates are chosen.
    soFar: Boolean(s.from || s.to),
    weeks: weekRange(campaign, s, today),
    // The page asked for (a number from 1): the statement takes the last one past the end.
    worklistPage: paginate(pageParam, Infinity, WORKLIST_PAGE).page, worklistPageSize: WORKLIST_PAGE,
  });
  const pageInfo = paginate(pageParam, f.worklist.total, WORKLIST_PAGE);
  // A local's pace is the campaign's: the figures give it so far whatever the dates (so_far).
  const sofar = f.so_far ?? f.current;
  const pick = (d: string) => f.coverage.filter((r) => r.dimension === d).map(({ key, targets, met }) => ({ key, targets, met }));
  return {
    today, periods, current: f.current, previous: f.previous, campaign: f.campaign, meetings: f.meetings, stances: f.stances, weekly: f.weekly,
    locals: f.locals, idle: f.idle,
    pace: pace(sofar.met, sofar.targets, campaign.starts_on, campaign.goal_date ?? campaign.ends_on, today),
    coverage: { byProvince: pick('province'), byParty: pick('party') },
    worklist: { pageInfo, rows: f.worklist.rows.map((r) => ({ ...r, ...claimRights(user, r.claimed_by_local_id) })) },
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
