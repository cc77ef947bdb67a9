import type { Knex } from 'knex';

/** Rows for the reports' tests, inserted directly. */

export async function addTarget(db: Knex, campaignId: number, officialId: number, claimedByLocalId: number | null = null) {
  await db('campaign_targets').insert({ campaign_id: campaignId, official_id: officialId, claimed_by_local_id: claimedByLocalId });
}

export async function createFollowUp(db: Knex, fields: { meeting_id: number; description: string; due_on?: string | null; assignee_id?: number | null; done_at?: string | null }) {
  const [followUp] = await db('follow_ups').insert(fields).returning('*');
  return followUp;
}
