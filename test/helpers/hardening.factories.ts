import type { Knex } from 'knex';
import { createLocal, createOfficial, createUser } from './factories';
import { addTargets, createCampaign } from './dashboard.factories';
import type { SessionUser } from '../../src/shared/types';

export interface World {
  local: { id: number; name: string }; otherLocal: { id: number; name: string };
  member: SessionUser; otherMember: SessionUser; coordinator: SessionUser; admin: SessionUser;
  /** A user and a local only administrators' requests may change. */
  victim: SessionUser;
  official: { id: number }; campaign: { id: number };
  /** A second target of the campaign, for the requests that remove one. */
  spare: { id: number };
}

/** Two locals with a member each, a coordinator, an administrator, an official and a campaign targeting them. */
export async function createWorld(db: Knex, names: Partial<{ local: string; official: Record<string, string>; campaign: string }> = {}): Promise<World> {
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
  return { local, otherLocal, member, otherMember, coordinator, admin, victim, official, campaign, spare };
}
