import type { Knex } from 'knex';
import { z } from 'zod';
import type { Db } from '../db';
import { CampaignChoice, CampaignRow, campaignChoices, campaignQuery, defaultCampaignQuery } from '../campaigns/campaigns.repo';
import { LocalChoice, localChoices, partyChoices } from '../campaigns/targets.repo';
import { readOne, row, rows, value } from '../db/one-statement';
import { applyActivityFilters } from '../shared/filters';
import { Headline, headlineFigures, scopeTables, Weekly, weeklyFigures } from './counts.repo';
import { Coverage, coverageFigures, Scope, stanceFigures, Stances, targetStates, targetsWithTallies, Window } from './dashboard.repo';
import { Activity, activityFigures, Idle, idleFigures, Worklist, worklistFigures } from './worklist.repo';


/**
 * What the filters offer (campaigns, parties, and locals when `withLocals`) and the chosen campaign
 * (`campaignId`, else the default one; none when `withCampaign` is false), in one statement.
 */
export async function dashboardChoices(db: Db, withLocals: boolean, withCampaign: boolean, campaignId?: number) {
  const campaign = campaignId ? campaignQuery(db, campaignId) : defaultCampaignQuery(db);
  const r = await readOne(db, {
    campaigns: rows(CampaignChoice, campaignChoices(db)),
    parties: value(z.array(z.string()), db.raw(`SELECT coalesce(json_agg(p.party), '[]') FROM ? p`, [partyChoices(db)])),
    locals: withLocals ? rows(LocalChoice, localChoices(db)) : value(z.array(LocalChoice), db.raw("'[]'::json")),
    campaign: withCampaign ? row(CampaignRow, campaign) : value(z.null(), db.raw('NULL::json')),
  }, { name: "the dashboard's filters" });
  return { choices: { campaigns: r.campaigns, parties: r.parties, locals: r.locals }, campaign: r.campaign ?? undefined };
}

export type Choices = Awaited<ReturnType<typeof dashboardChoices>>['choices'];

const Met = z.object({ targets: z.number(), met: z.number() });

export interface FigurePlan {
  current: Window & { asOf: string };
  previous: Window & { asOf: string };
  /** Whether the pace needs the campaign so far apart from the current period (a date is chosen). */
  soFar: boolean;
  weeks: { from: string; to: string };
  worklistPage: number;
  worklistPageSize: number;
}

/**
 * Every figure of the dashboard in one statement: the scope's tables are read once (scopeTables)
 * and shared by the periods' target states (a CTE each, shared by the headline, coverage and
 * stances), the headlines, the weekly chart and the worklist; each figure is a JSON value.
 * One round trip instead of fifteen (each costs the server a fraction of a millisecond to send and
 * receive), prepared: planning it costs more than running it.
 */
export async function dashboardFigures(db: Db, s: Scope, p: FigurePlan) {
  const periods: [string, Knex.QueryBuilder][] = [['cur', targetStates(db, s, p.current)], ['prev', targetStates(db, s, p.previous)]];
  const metOf = (table: string, met = 'met') => db.raw(`SELECT json_build_object('targets', count(*), 'met', count(*) FILTER (WHERE ${met})) FROM ${table}`);
  // A local's view also says where the whole campaign stands (its targets met in the period, `camp`),
  // and its pace is the campaign's so far: the campaign's tally is in `tg` beside the local's.
  const campaign = { ...s, local_id: undefined };
  if (s.local_id) periods.push(['tgc', targetsWithTallies(db, campaign)], ['camp', targetStates(db, campaign, p.current, 'tgc')]);
  else if (p.soFar) periods.push(['sofar', targetStates(db, s, {})]);
  const soFar = s.local_id ? metOf('tg', 'campaign_held > 0') : p.soFar ? metOf('sofar') : db.raw('NULL::json');
  return readOne(db, {
    current: value(Headline, headlineFigures(db, s, p.current, p.current.asOf, 'cur')),
    previous: value(Headline, headlineFigures(db, s, p.previous, p.previous.asOf, 'prev')),
    so_far: value(Met.nullable(), soFar),
    campaign: value(Met.nullable(), s.local_id ? metOf('camp') : db.raw('NULL::json')),
    // The scope's meetings of the period, of any status: none, and the charts say so in words.
    meetings: value(z.number(), applyActivityFilters(db('days as m'), { from: p.current.from, to: p.current.to })
      .select(db.raw('coalesce(sum(m.meetings), 0)::int'))),
    coverage: value(Coverage, coverageFigures(db, 'cur')),
    stances: value(Stances, stanceFigures(db, 'cur')),
    weekly: value(Weekly, weeklyFigures(db, p.weeks.from, p.weeks.to)),
    locals: value(Activity, activityFigures(db, s, s.from, s.to)),
    idle: value(Idle, idleFigures(db, s)),
    worklist: value(Worklist, worklistFigures(db, s, p.worklistPage, p.worklistPageSize)),
  }, { with: [...scopeTables(db, s), ...periods], name: 'the dashboard figures' });
}

export type Figures = Awaited<ReturnType<typeof dashboardFigures>>;
