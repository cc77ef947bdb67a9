import { z } from 'zod';
import type { Db } from '../db';
import { allRows, firstRow } from '../db/rows';
import type { AskInput, CampaignInput } from './campaigns.validate';

/** A campaign row: the form's fields (asks apart) and its id. */
export type Campaign = { id: number } & Omit<CampaignInput, 'asks'>;

const COLUMNS = ['id', 'name', 'name_fr', 'ask', 'ask_fr', 'starts_on', 'ends_on', 'goal', 'goal_fr', 'goal_date', 'active', 'is_default'];

/** A campaign as COLUMNS reads it, for a statement that reads it as JSON. */
export const CampaignRow = z.object({
  id: z.number(), name: z.string(), name_fr: z.string(), ask: z.string(), ask_fr: z.string(), starts_on: z.string().nullable(),
  ends_on: z.string().nullable(), goal: z.string(), goal_fr: z.string(), goal_date: z.string().nullable(), active: z.boolean(), is_default: z.boolean(),
}) satisfies z.ZodType<Campaign>;

const Listed = CampaignRow.extend({ targets: z.number() });

/** Every campaign with its count of sitting targets, the default and active ones first. */
export function listCampaigns(db: Db): Promise<z.output<typeof Listed>[]> {
  return allRows(Listed, db('campaigns as c')
    .orderBy([{ column: 'c.is_default', order: 'desc' }, { column: 'c.active', order: 'desc' }, { column: 'c.starts_on', order: 'desc', nulls: 'last' }, { column: 'c.id', order: 'desc' }])
    .select(COLUMNS.map((c) => `c.${c}`))
    .select(db.raw(`(SELECT count(*)::int FROM campaign_targets t JOIN officials o ON o.id = t.official_id
      WHERE t.campaign_id = c.id AND o.end_date IS NULL) AS targets`)), 'the campaigns');
}

/** A row of campaignChoices. */
export const CampaignChoice = z.object({ id: z.number(), name: z.string(), name_fr: z.string(), active: z.boolean() });

/** The campaigns to choose from in a filter or a form: id, names and whether active (a query: the dashboard embeds it). */
export function campaignChoices(db: Db) {
  return db('campaigns').orderBy([{ column: 'is_default', order: 'desc' }, { column: 'active', order: 'desc' }, { column: 'id', order: 'desc' }])
    .select('id', 'name', 'name_fr', 'active');
}

/** A campaign by id, as a query (the dashboard embeds it; CampaignRow parses it). */
export function campaignQuery(db: Db, id: number) {
  return db('campaigns').where({ id }).first(COLUMNS);
}

export function findCampaign(db: Db, id: number): Promise<Campaign | undefined> {
  return firstRow(CampaignRow, campaignQuery(db, id), 'a campaign');
}

/** The default campaign, else the most recent active one: what the dashboard opens on (a query it embeds). */
export function defaultCampaignQuery(db: Db) {
  return db('campaigns').orderBy([{ column: 'is_default', order: 'desc' }, { column: 'active', order: 'desc' }, { column: 'id', order: 'desc' }]).first(COLUMNS);
}

const AskRow = z.object({ id: z.number(), text: z.string(), text_fr: z.string(), position: z.number() });

export function listAsks(db: Db, campaignId: number): Promise<z.output<typeof AskRow>[]> {
  return allRows(AskRow, db('campaign_asks').where({ campaign_id: campaignId }).orderBy(['position', 'id']).select('id', 'text', 'text_fr', 'position'), "a campaign's asks");
}

type CampaignRow = Omit<Campaign, 'id'>;

export async function insertCampaign(db: Db, row: CampaignRow & { created_by: number }): Promise<Campaign> {
  const [campaign] = await allRows(CampaignRow, db('campaigns').insert(row).returning(COLUMNS), 'a new campaign');
  return campaign;
}

export async function updateCampaign(db: Db, id: number, row: CampaignRow): Promise<void> {
  await db('campaigns').where({ id }).update({ ...row, updated_at: db.fn.now() });
}

/** Only one campaign is the default: the old one is cleared before the new one is set. */
export async function clearDefault(db: Db, exceptId?: number): Promise<void> {
  await db('campaigns').where({ is_default: true })
    .modify((q) => { if (exceptId) q.whereNot({ id: exceptId }); })
    .update({ is_default: false, updated_at: db.fn.now() });
}

export async function anyDefault(db: Db): Promise<boolean> {
  const row: unknown = await db('campaigns').where({ is_default: true }).first('id');
  return row !== undefined;
}

/**
 * Makes the campaign's asks exactly `asks`, in that order. An ask kept from before keeps its id, so
 * the meetings that raised it still point at it; an ask left out is removed.
 */
export async function replaceAsks(db: Db, campaignId: number, asks: AskInput[]): Promise<void> {
  const existing = new Set((await listAsks(db, campaignId)).map((a) => a.id));
  const kept = asks.filter((a) => a.id !== null && existing.has(a.id)).map((a) => a.id as number);
  await db('campaign_asks').where({ campaign_id: campaignId }).whereNotIn('id', kept).delete();
  const rows = asks.map((ask, index) => ({ id: ask.id, campaign_id: campaignId, text: ask.text, text_fr: ask.text_fr, position: index + 1 }));
  const updates = rows.filter((r) => r.id !== null && kept.includes(r.id));
  const inserts = rows.filter((r) => !(r.id !== null && kept.includes(r.id))).map(({ id: _id, ...r }) => r);
  if (updates.length) await db('campaign_asks').insert(updates).onConflict('id').merge(['text', 'text_fr', 'position', 'updated_at']);
  if (inserts.length) await db('campaign_asks').insert(inserts);
}
