import type { Knex } from 'knex';
import { createLocal, createOfficial, createUser, createCampaign } from './factories';
import { addTargets } from './dashboard.factories';
import { meetingBy } from './meetings.factories';
import type { SessionUser } from '../../src/shared/types';

export interface World {
  local: { id: number; name: string }; otherLocal: { id: number; name: string };
  member: SessionUser; otherMember: SessionUser; coordinator: SessionUser; admin: SessionUser;
  /** A user and a local only administrators' requests may change. */
  victim: SessionUser;
  official: { id: number }; campaign: { id: number };
  /** A second target of the campaign, for the requests that remove one. */
  spare: { id: number };
  /** A meeting the member logged for their local, with a follow-up; another for deleting and restoring. */
  meeting: { id: number }; followUp: { id: number }; doomed: { id: number };
}

/** Two locals with a member each, a coordinator, an administrator, an official and a campaign targeting them. */
export async function createWorld(db: Knex, names: Partial<{ local: string; official: Record<string, string>; campaign: string; notes: string }> = {}): Promise<World> {
  const local = await createLocal(db, names.local ? { name: names.local } : {});
  const otherLocal = await createLocal(db);
  const member = await createUser(db, 'member', { local_id: local.id });
  const otherMember = await createUser(db, 'member', { local_id: otherLocal.id });
  const coordinator = await createUser(db, 'coordinator', { local_id: local.id });
  const admin = await createUser(db, 'admin');
  const victim = await createUser(db, 'member', { local_id: otherLocal.id });
  const official = await createOfficial(db, names.official ?? {});
  const campaign = await createCampaign(db, names.campaign ? { name: names.campaign } : {});
  const spare = await createOfficial(db);
  await addTargets(db, campaign.id, [official.id, spare.id]);
  const meeting = await meetingBy(db, member, { official_id: official.id, campaign_id: campaign.id, status: 'held', held_on: '2026-03-10', notes: names.notes ?? 'Notes', commitments: names.notes ?? null });
  const [followUp] = await db('follow_ups').insert({ meeting_id: meeting.id, description: names.notes ?? 'Send the brief', due_on: '2026-04-01', assignee_id: member.id }).returning('id');
  const doomed = await meetingBy(db, member, { official_id: spare.id, campaign_id: campaign.id, status: 'requested', held_on: '2026-03-11' });
  return { local, otherLocal, member, otherMember, coordinator, admin, victim, official, campaign, spare, meeting, followUp, doomed };
}
