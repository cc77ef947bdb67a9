import type { Knex } from 'knex';
import { z } from 'zod';
import type { Db } from '../db';
import { allRows, firstRow, parseAs, rowCount } from '../db/rows';
import { likeEscape, searchTerms } from '../shared/fold';
import { timestamp } from '../db/one-statement';

export interface TargetFilter {
  level: string;
  province?: string;
  party?: string;
}

/** Inserts as targets the officials a query selects; already-targeted ones are left as they are. */
async function insertTargets(db: Db, campaignId: number, officials: Knex.QueryBuilder): Promise<number> {
  const pick = officials.clearSelect().select(db.raw('?::int', [campaignId]), 'officials.id');
  return rowCount(db.raw('INSERT INTO campaign_targets (campaign_id, official_id) ? ON CONFLICT DO NOTHING', [pick]));
}

/** Every sitting official of a level (and province, party) becomes a target. */
export function addTargetsByFilter(db: Db, campaignId: number, f: TargetFilter): Promise<number> {
  return insertTargets(db, campaignId, db('officials').whereNull('end_date').where('level', f.level)
    .modify((q) => {
      if (f.province) q.where('province', f.province);
      if (f.party) q.where('party', f.party);
    }));
}

export function addTargetsById(db: Db, campaignId: number, officialIds: number[]): Promise<number> {
  if (!officialIds.length) return Promise.resolve(0);
  return insertTargets(db, campaignId, db('officials').whereIn('id', officialIds));
}

export async function removeTarget(db: Db, campaignId: number, officialId: number): Promise<boolean> {
  return (await db('campaign_targets').where({ campaign_id: campaignId, official_id: officialId }).delete()) > 0;
}

const TargetRow = z.object({ campaign_id: z.number(), official_id: z.number(), claimed_by_local_id: z.number().nullable() });

/** The target, locked until the transaction ends so that two claims cannot both win. */
export function findTarget(db: Db, campaignId: number, officialId: number) {
  return firstRow(TargetRow, db('campaign_targets').forUpdate().where({ campaign_id: campaignId, official_id: officialId })
    .first('campaign_id', 'official_id', 'claimed_by_local_id'), 'a target');
}

export async function setClaim(db: Db, campaignId: number, officialId: number, localId: number | null): Promise<void> {
  await db('campaign_targets').where({ campaign_id: campaignId, official_id: officialId })
    .update({ claimed_by_local_id: localId, claimed_at: localId ? db.fn.now() : null });
}

const text = z.string().nullable();

/** A row of listTargets. */
const ListedTarget = z.object({
  official_id: z.number(), honorific: text, first_name: z.string(), last_name: z.string(), constituency: z.string(), province: text, party: text,
  level: z.string(), end_date: text, claimed_by_local_id: z.number().nullable(), claimed_at: timestamp.nullable(), local_name: text,
  vacant_since: text, successor: z.object({ id: z.number(), name: z.string() }).nullable(),
});

/** A page of a campaign's targets (sitting first, then by province and constituency) with the claiming local. */
export function listTargets(db: Db, campaignId: number, page: { limit: number; offset: number }): Promise<z.output<typeof ListedTarget>[]> {
  return allRows(ListedTarget, db('campaign_targets as t').join('officials as o', 'o.id', 't.official_id')
    .leftJoin('locals as l', 'l.id', 't.claimed_by_local_id')
    .where('t.campaign_id', campaignId)
    .orderByRaw('o.end_date IS NOT NULL, o.province NULLS LAST, o.constituency, o.id')
    .limit(page.limit).offset(page.offset)
    .select('o.id as official_id', 'o.honorific', 'o.first_name', 'o.last_name', 'o.constituency', 'o.province', 'o.party',
      'o.level', 'o.end_date', 't.claimed_by_local_id', 't.claimed_at', 'l.name as local_name',
      // A former official's seat: vacant since a day, or held now by someone the campaign does not target yet.
      db.raw(`(SELECT to_char(v.since, 'YYYY-MM-DD') FROM vacancies v WHERE o.end_date IS NOT NULL AND v.level = o.level
        AND v.jurisdiction = o.jurisdiction AND v.constituency_key = o.constituency_key) AS vacant_since`),
      db.raw(`(SELECT json_build_object('id', s.id, 'name', s.first_name || ' ' || s.last_name) FROM officials s
        WHERE o.end_date IS NOT NULL AND s.level = o.level AND s.jurisdiction = o.jurisdiction
          AND s.constituency_key = o.constituency_key AND s.end_date IS NULL
          AND NOT EXISTS (SELECT 1 FROM campaign_targets c WHERE c.campaign_id = t.campaign_id AND c.official_id = s.id)) AS successor`)),
  "a page of a campaign's targets");
}

const TargetCounts = z.object({ all: z.number(), sitting: z.number() });

/** Targets in all, and those still sitting (the denominator of every coverage figure). */
export async function countTargets(db: Db, campaignId: number): Promise<{ all: number; sitting: number }> {
  const row = await firstRow(TargetCounts, db('campaign_targets as t').join('officials as o', 'o.id', 't.official_id')
    .where('t.campaign_id', campaignId)
    .first(db.raw('count(*)::int AS "all"'), db.raw('count(*) FILTER (WHERE o.end_date IS NULL)::int AS sitting')), "a campaign's count of targets");
  return row ?? { all: 0, sitting: 0 };
}

/** A row of searchOfficialsForTargets. */
const Found = z.object({
  id: z.number(), honorific: text, first_name: z.string(), last_name: z.string(), constituency: z.string(), province: text, party: text,
  level: z.string(), is_target: z.boolean(),
});

/** Sitting officials matching a search, each marked if it is already a target: the hand-picking list. */
export function searchOfficialsForTargets(db: Db, campaignId: number, query: string, limit = 50): Promise<z.output<typeof Found>[]> {
  return allRows(Found, db('officials as o')
    .leftJoin('campaign_targets as t', (j) => j.on('t.official_id', 'o.id').andOnVal('t.campaign_id', campaignId))
    .whereNull('o.end_date')
    .modify((q) => { for (const term of searchTerms(query)) q.whereRaw("o.search_text LIKE ? ESCAPE '\\'", [`%${likeEscape(term)}%`]); })
    .orderBy(['o.last_name', 'o.first_name', 'o.id']).limit(limit)
    .select('o.id', 'o.honorific', 'o.first_name', 'o.last_name', 'o.constituency', 'o.province', 'o.party', 'o.level',
      db.raw('(t.official_id IS NOT NULL) AS is_target')), 'the officials found for targets');
}

const Strings = z.array(z.string());

/** The levels and parties among sitting officials: the choices of the add-targets form. */
export async function targetChoices(db: Db): Promise<{ levels: string[]; parties: string[] }> {
  const levels = parseAs(Strings, await db('officials').whereNull('end_date').distinct('level').orderBy('level').pluck('level'), 'the levels');
  const parties = parseAs(Strings, await partyChoices(db).pluck('party'), 'the parties');
  return { levels, parties };
}

/** The parties among sitting officials, in order (a query: the dashboard embeds it in its own statement). */
export function partyChoices(db: Db) {
  return db('officials').whereNull('end_date').whereNotNull('party').distinct('party').orderBy('party');
}

/** A row of claimsForOfficial. */
export const ClaimRow = z.object({
  campaign_id: z.number(), campaign_name: z.string(), campaign_name_fr: z.string(), active: z.boolean(), official_id: z.number(),
  claimed_by_local_id: z.number().nullable(), claimed_at: timestamp.nullable(), local_name: z.string().nullable(),
});

/** Every campaign that targets this official, with the claim on it: what the official's page shows. */
export function claimsForOfficial(db: Db, officialId: number) {
  return db('campaign_targets as t').join('campaigns as c', 'c.id', 't.campaign_id')
    .leftJoin('locals as l', 'l.id', 't.claimed_by_local_id')
    .where('t.official_id', officialId)
    .orderBy([{ column: 'c.active', order: 'desc' }, { column: 'c.id', order: 'desc' }])
    .select('c.id as campaign_id', 'c.name as campaign_name', 'c.name_fr as campaign_name_fr', 'c.active', 't.official_id',
      't.claimed_by_local_id', 't.claimed_at', 'l.name as local_name');
}

/** One target with its campaign, official and claim: the claim page. */
export function findTargetClaim(db: Db, campaignId: number, officialId: number) {
  return firstRow(ClaimRow.extend({ official_name: z.string() }), claimsForOfficial(db, officialId).where('t.campaign_id', campaignId)
    .join('officials as o', 'o.id', 't.official_id')
    .select(db.raw("concat_ws(' ', o.honorific, o.first_name, o.last_name) AS official_name"))
    .first(), "a target's claim");
}

/** The locals a claim can be made for, by name (a query: the dashboard embeds it). */
export function localChoices(db: Db) {
  return db('locals').orderBy('name').select('id', 'name');
}

export const LocalChoice = z.object({ id: z.number(), name: z.string() });

export async function localExists(db: Db, id: number): Promise<boolean> {
  const row: unknown = await db('locals').where({ id }).first('id');
  return row !== undefined;
}
