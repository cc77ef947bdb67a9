import type { Knex } from 'knex';
import { addDays } from '../../src/dashboard/periods';
import { today } from '../../src/shared/validation';

/** A calendar day n days from today (negative: in the past), in the app's time zone. */
export const day = (n: number) => addDays(today(), n);

export async function addTargets(db: Knex, campaignId: number, officialIds: number[], claimedBy: number | null = null) {
  await db('campaign_targets').insert(officialIds.map((official_id) => ({ campaign_id: campaignId, official_id, claimed_by_local_id: claimedBy })));
}

export async function createFollowUp(db: Knex, meetingId: number, fields: { due_on: string; created_at?: string; done_at?: string | null }) {
  await db('follow_ups').insert({ meeting_id: meetingId, description: 'Send the brief', ...fields });
}
