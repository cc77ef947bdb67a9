import type { Knex } from 'knex';
import { addDays } from '../../src/dashboard/periods';
import { today } from '../../src/shared/validation';

/** A calendar day n days from today (negative: in the past), in the app's time zone. */
export const day = (n: number) => addDays(today(), n);

export async function createCampaign(db: Knex, fields: Record<string, unknown> = {}) {
  const [campaign] = await db('campaigns').insert({ name: 'Community services', active: true, ...fields }).returning('*');
  return campaign as { id: number; name: string };
}

export async function addTargets(db: Knex, campaignId: number, officialIds: number[], claimedBy: number | null = null) {
  await db('campaign_targets').insert(officialIds.map((official_id) => ({ campaign_id: campaignId, official_id, claimed_by_local_id: claimedBy })));
}

export interface MeetingFields {
  campaign_id: number;
  official_id: number;
  status: 'requested' | 'scheduled' | 'held' | 'cancelled' | 'declined';
  held_on: string;
  stance?: string | null;
  local_id: number | null;
  logged_by: number | null;
  created_at?: string;
  deleted_at?: string | null;
}

/**
 * A meeting row as the meetings service would save it. Kept to these columns so that it can be
 * replaced by that service's own logMeeting once both are merged.
 */
export async function createMeeting(db: Knex, fields: MeetingFields) {
  const [meeting] = await db('meetings').insert({ stance: null, deleted_at: null, ...fields }).returning(['id']);
  return meeting as { id: number };
}

export async function createFollowUp(db: Knex, meetingId: number, fields: { due_on: string; created_at?: string; done_at?: string | null }) {
  await db('follow_ups').insert({ meeting_id: meetingId, description: 'Send the brief', ...fields });
}
