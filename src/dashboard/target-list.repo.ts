import type { Knex } from 'knex';
import { z } from 'zod';
import type { Db } from '../db';
import { CampaignRow, campaignQuery, defaultCampaignQuery } from '../campaigns/campaigns.repo';
import { readOne, row, value } from '../db/one-statement';
import { applyActivityFilters } from '../shared/filters';
import { Scope, targetStates, targetsWithTallies, Window } from './dashboard.repo';
import { STANCES } from '../vocab/vocab';

/*
 * The lists the dashboard's figures open, read with the same SQL as the figures (the target states
 * of dashboard.repo, the tallies the activity by local reads), so that a list holds exactly what its
 * figure counts.
 */

/** A stance as the targets list filters it: one of the stances, none recorded yet, or champion or supportive. */
export const STANCE_FILTERS = [...STANCES, 'none', 'favourable'] as const;
export type StanceFilter = (typeof STANCE_FILTERS)[number];

export interface TargetFilters {
  met?: boolean;
  stance?: StanceFilter;
}

const text = z.string().nullable();
const Official = {
  official_id: z.number(), honorific: text, first_name: z.string(), last_name: z.string(), constituency: z.string(),
  province: text, party: text,
};

/** A row of the targets list. */
export const TargetRow = z.object({ ...Official, met: z.boolean(), stance: text, local_name: text });
/** A row of the list of officials met. */
export const MetRow = z.object({ ...Official, held: z.number() });

const pageOf = <S extends z.ZodType>(schema: S) => z.object({ total: z.number(), rows: z.array(schema) });

/**
 * How many rows `list` gives (`total`) and those of page `page` (past the last page, the last one),
 * by province, riding and id, as one JSON object.
 */
function paged(db: Db, list: Knex.QueryBuilder, page: number, size: number) {
  return db.raw(`WITH l AS MATERIALIZED (SELECT x.*, row_number() OVER (ORDER BY x.province NULLS LAST, x.constituency, x.official_id) AS n FROM ? x),
    total AS (SELECT count(*)::int AS n FROM l),
    first AS (SELECT (least(?::numeric, greatest(1, ceil(total.n / ?::numeric))) - 1) * ? AS n FROM total)
    SELECT json_build_object('total', total.n, 'rows', (SELECT coalesce(json_agg(to_jsonb(l) - 'n' ORDER BY l.n), '[]')
      FROM l, first WHERE l.n > first.n AND l.n <= first.n + ?)) FROM total`, [list, page, size, size, size]);
}

/**
 * The campaign's sitting targets in the scope with whether each was met in the window and its
 * stance, as the dashboard's figures count them (`tg` and `st` are the same tables), narrowed by
 * met and stance; with the local that claimed each.
 */
export function targetList(db: Db, s: Scope, w: Window, f: TargetFilters, page: number, size: number) {
  const list = db('st').join('tg', 'tg.official_id', 'st.official_id').leftJoin('locals as l', 'l.id', 'tg.claimed_by_local_id')
    .select('st.official_id', 'tg.honorific', 'tg.first_name', 'tg.last_name', 'tg.constituency', 'tg.province', 'tg.party',
      'st.met', 'st.stance', 'l.name as local_name')
    .modify((q) => {
      if (f.met !== undefined) q.where('st.met', f.met);
      if (f.stance === 'none') q.whereNull('st.stance');
      else if (f.stance === 'favourable') q.whereIn('st.stance', ['champion', 'supportive']);
      else if (f.stance) q.where('st.stance', f.stance);
    });
  return readOne(db, { list: value(pageOf(TargetRow), paged(db, list, page, size)) },
    { with: [['tg', targetsWithTallies(db, s)], ['st', targetStates(db, s, w)]], name: 'the targets list' });
}

/**
 * The officials (targets or not, sitting or not) the scope met in the window: a held meeting, as
 * the activity by local counts "officials met". Without dates, from the tallies (the scope's local,
 * or the whole campaign); with dates, from the meetings.
 */
export function officialsMetList(db: Db, s: Scope, w: Window, page: number, size: number) {
  const byOfficial = (q: Knex.QueryBuilder) => q.modify((x) => {
    if (s.province) x.where('o.province', s.province);
    if (s.party) x.where('o.party', s.party);
  }).select('o.id as official_id', 'o.honorific', 'o.first_name', 'o.last_name', 'o.constituency', 'o.province', 'o.party');
  const list = !w.from && !w.to
    ? byOfficial(db('official_tallies as k').join('officials as o', 'o.id', 'k.official_id')
      .where('k.campaign_id', s.campaign_id).where('k.held', '>', 0)
      .modify((q) => (s.local_id ? q.where('k.local_id', s.local_id) : q.whereNull('k.local_id')))).select('k.held')
    : byOfficial(applyActivityFilters(db('meetings as m').join('officials as o', 'o.id', 'm.official_id').whereNull('m.deleted_at')
      .where('m.status', 'held'), { campaign_id: s.campaign_id, local_id: s.local_id, from: w.from, to: w.to }))
      .select(db.raw('count(*)::int AS held')).groupBy('o.id');
  return readOne(db, { list: value(pageOf(MetRow), paged(db, list, page, size)) }, { name: 'the officials met' });
}

/** The campaign a list is about (`campaignId`, else the default one) and the name of the local it is narrowed to. */
export function listContext(db: Db, campaignId: number | undefined, localId: number | undefined) {
  return readOne(db, {
    campaign: row(CampaignRow, campaignId ? campaignQuery(db, campaignId) : defaultCampaignQuery(db)),
    local_name: value(z.string().nullable(), localId ? db.raw('SELECT name FROM locals WHERE id = ?', [localId]) : db.raw('NULL::text')),
  }, { name: "a dashboard list's campaign" });
}
