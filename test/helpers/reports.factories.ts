import type { Knex } from 'knex';

/** Rows for the reports' tests, inserted directly (the meetings and campaigns services are built elsewhere). */

export async function createCampaign(db: Knex, fields: Partial<{ name: string; ask: string; is_default: boolean }> = {}, asks: string[] = []) {
  const [campaign] = await db('campaigns').insert({ name: 'Stable funding', ask: '', ...fields }).returning('*');
  const askRows = asks.length
    ? await db('campaign_asks').insert(asks.map((text, position) => ({ campaign_id: campaign.id, position, text }))).returning('*')
    : [];
  return { ...(campaign as { id: number; name: string }), asks: askRows as { id: number; text: string }[] };
}

export async function addTarget(db: Knex, campaignId: number, officialId: number, claimedByLocalId: number | null = null) {
  await db('campaign_targets').insert({ campaign_id: campaignId, official_id: officialId, claimed_by_local_id: claimedByLocalId });
}

export interface MeetingFields {
  official_id: number;
  campaign_id: number | null;
  local_id: number | null;
  logged_by: number | null;
  status: string;
  held_on: string;
  format: string | null;
  stance: string | null;
  commitment_kinds: string[];
  commitments: string | null;
  notes: string | null;
  other_attendees: string | null;
  deleted_at: Date | null;
  ask_ids: number[];
  attendee_ids: number[];
}

export async function createMeeting(db: Knex, fields: Partial<MeetingFields> & { official_id: number }) {
  const { ask_ids = [], attendee_ids = [], ...row } = fields;
  const [meeting] = await db('meetings').insert({ status: 'held', held_on: '2026-03-10', format: 'in_person', ...row }).returning('*');
  if (ask_ids.length) await db('meeting_asks').insert(ask_ids.map((ask_id) => ({ meeting_id: meeting.id, ask_id })));
  if (attendee_ids.length) await db('meeting_attendees').insert(attendee_ids.map((user_id) => ({ meeting_id: meeting.id, user_id })));
  return meeting;
}

export async function createFollowUp(db: Knex, fields: { meeting_id: number; description: string; due_on?: string | null; assignee_id?: number | null; done_at?: string | null }) {
  const [followUp] = await db('follow_ups').insert(fields).returning('*');
  return followUp;
}
