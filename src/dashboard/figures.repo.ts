import type { Knex } from 'knex';
import type { Db } from '../db';
import { Campaign, campaignChoices, defaultCampaign, findCampaign } from '../campaigns/campaigns.repo';
import { localChoices, partyChoices } from '../campaigns/targets.repo';
import { prepared } from '../db/prepared';
import { Headline, headlineFigures, scopeTables, weeklyFigures, withTables } from './counts.repo';
import { coverageFigures, Scope, stanceFigures, targetStates, Window } from './dashboard.repo';
import { activityFigures, idleFigures, worklistFigures } from './worklist.repo';

/** The campaigns repo types its queries as the promise of their rows; they are Knex builders, which embed in a statement. */
const query = (q: PromiseLike<unknown>) => q as unknown as Knex.QueryBuilder;

export interface Choices {
  campaigns: { id: number; name: string; active: boolean }[];
  parties: string[];
  locals: { id: number; name: string }[];
}

/**
 * What the filters offer (campaigns, parties, and locals when `withLocals`) and the chosen campaign
 * (`campaignId`, else the default one; none when `withCampaign` is false), in one statement.
 */
export async function dashboardChoices(db: Db, withLocals: boolean, withCampaign: boolean, campaignId?: number)
  : Promise<{ choices: Choices; campaign: Campaign | undefined }> {
  const campaign = campaignId ? findCampaign(db, campaignId) : defaultCampaign(db);
  const { rows: [r] } = await prepared(db.raw(`SELECT (SELECT coalesce(json_agg(c), '[]') FROM (?) c) AS campaigns,
      (SELECT coalesce(json_agg(p.party), '[]') FROM (?) p) AS parties,
      ${withLocals ? "(SELECT coalesce(json_agg(l), '[]') FROM (?) l)" : "'[]'::json"} AS locals,
      ${withCampaign ? '(SELECT row_to_json(c) FROM (?) c)' : 'NULL::json'} AS campaign`,
  [query(campaignChoices(db)), partyChoices(db), ...(withLocals ? [query(localChoices(db))] : []), ...(withCampaign ? [query(campaign)] : [])]));
  return { choices: { campaigns: r.campaigns, parties: r.parties, locals: r.locals }, campaign: r.campaign ?? undefined };
}

export interface FigurePlan {
  current: Window & { asOf: string };
  previous: Window & { asOf: string };
  /** Whether the pace needs the campaign so far apart from the current period (a date is chosen). */
  soFar: boolean;
  weeks: { from: string; to: string };
  worklistPage: number;
  worklistPageSize: number;
}

type Dated<T> = T & { last_logged: string | null };

export interface Figures {
  current: Headline;
  previous: Headline;
  so_far: { targets: number; met: number } | null;
  coverage: { dimension: 'province' | 'party'; key: string | null; targets: number; met: number }[];
  stances: { stance: string; officials: number }[];
  weekly: { week: string; week_end: string; held: number; planned: number }[];
  locals: Dated<{ id: number; name: string; logged: number; held: number; officials_met: number }>[];
  idle: { kind: 'locals' | 'members'; count: number; rows: Dated<{ id: number; name: string }>[] };
  worklist: { total: number; rows: Record<string, unknown>[] };
}

/**
 * Every figure of the dashboard in one statement: the scope's tables are read once (scopeTables)
 * and shared by the periods' target states (a CTE each, shared by the headline, coverage and
 * stances), the headlines, the weekly chart and the worklist; each figure is a JSON value.
 * One round trip instead of fifteen (each costs the server a fraction of a millisecond to send and
 * receive), prepared: planning it costs more than running it.
 */
export async function dashboardFigures(db: Db, s: Scope, p: FigurePlan): Promise<Figures> {
  const periods: [string, Knex.QueryBuilder][] = [['cur', targetStates(db, s, p.current)], ['prev', targetStates(db, s, p.previous)]];
  if (p.soFar) periods.push(['sofar', targetStates(db, s, {})]);
  const { rows: [r] } = await prepared(withTables(db, [...scopeTables(db, s), ...periods], `SELECT (?) AS current, (?) AS previous,
      ${p.soFar ? "(SELECT json_build_object('targets', count(*), 'met', count(*) FILTER (WHERE met)) FROM sofar)" : 'NULL::json'} AS so_far,
      (?) AS coverage, (?) AS stances, (?) AS weekly, (?) AS locals, (?) AS idle, (?) AS worklist`, [
    headlineFigures(db, s, p.current, p.current.asOf, 'cur'), headlineFigures(db, s, p.previous, p.previous.asOf, 'prev'),
    coverageFigures(db, 'cur'), stanceFigures(db, 'cur'), weeklyFigures(db, p.weeks.from, p.weeks.to),
    activityFigures(db, s, s.from, s.to), idleFigures(db, s), worklistFigures(db, s, p.worklistPage, p.worklistPageSize),
  ]));
  return r;
}
