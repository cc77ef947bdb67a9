import type { Knex } from 'knex';
import type { SessionUser } from '../../src/shared/types';
import { createCampaign, createLocal, createMeeting, createOfficial, createUser } from './factories';
import { addTargets, createFollowUp, day } from './dashboard.factories';
import { startTestApp } from './app';
import { signIn } from './session';

export interface FigureWorld {
  campaignId: number;
  locals: { id: number; name: string }[];
  provinces: string[];
  parties: string[];
  coordinator: SessionUser;
  member: SessionUser;
}

const noon = (n: number) => `${day(n)}T12:00:00Z`;

/**
 * A campaign with something of every kind each figure counts or leaves out: three provinces, four
 * parties, three locals (one silent), meetings of every status over several weeks (one without a
 * local, one deleted, one dated ahead, one with a former official, one with an official who is not
 * a target, one in another campaign), stances of every kind and follow-ups open, overdue and done.
 */
export async function createFigureWorld(db: Knex): Promise<FigureWorld> {
  const locals = [await createLocal(db, { name: 'Local A' }), await createLocal(db, { name: 'Local B' }), await createLocal(db, { name: 'Local C' })];
  const [a, b] = locals;
  const coordinator = await createUser(db, 'coordinator');
  const member = await createUser(db, 'member', { local_id: a.id, name: 'Alice A' });
  const memberB = await createUser(db, 'member', { local_id: b.id, name: 'Bob B' });
  const { id: campaignId } = await createCampaign(db, { starts_on: day(-60), ends_on: day(60), goal_date: day(60), is_default: true, goal: 'Meet every MP' });

  const o = async (province: string, party: string, extra = {}) => (await createOfficial(db, { province, party, ...extra })).id;
  const on1 = await o('ON', 'Liberal'), on2 = await o('ON', 'Liberal'), on3 = await o('ON', 'Conservative'), on4 = await o('ON', 'Conservative');
  const qc1 = await o('QC', 'Bloc Québécois'), qc2 = await o('QC', 'Bloc Québécois'), qc3 = await o('QC', 'Liberal');
  const bc1 = await o('BC', 'NDP'), bc2 = await o('BC', 'NDP');
  const former = await o('ON', 'Liberal', { end_date: day(-1) });
  const notTarget = await o('ON', 'Liberal');
  await addTargets(db, campaignId, [on1, on2, on3, qc1, qc2, bc1, bc2, former]);
  await addTargets(db, campaignId, [on4, qc3], a.id);

  const m = (official: number, status: string, when: number, local: { id: number } | null, by: SessionUser, extra = {}) =>
    createMeeting(db, { campaign_id: campaignId, official_id: official, status, held_on: day(when), local_id: local?.id ?? null, logged_by: by.id, ...extra });
  const first = await m(on1, 'held', -40, a, member, { stance: 'supportive', created_at: noon(-40) });
  await m(on1, 'held', -9, b, memberB, { stance: 'opposed' });
  await m(on2, 'declined', -20, a, member);
  await m(on3, 'held', -15, a, member, { stance: 'champion' });
  await m(on3, 'held', -3, a, member);
  await m(on4, 'scheduled', 5, a, member);
  await m(on4, 'requested', -2, a, member);
  const qc = await m(qc1, 'held', -25, b, memberB, { stance: 'undecided', created_at: noon(-25) });
  await m(qc2, 'cancelled', -12, b, memberB);
  await m(qc3, 'held', -6, null, coordinator);
  await m(bc1, 'held', -1, b, memberB, { stance: 'champion' });
  await m(bc2, 'held', -4, a, member, { stance: 'supportive', deleted_at: noon(-2) });
  await m(former, 'held', -8, a, member, { stance: 'champion' });
  await m(notTarget, 'held', -7, a, member, { stance: 'supportive' });
  await m(notTarget, 'requested', -50, b, memberB);
  const other = await createCampaign(db, { name: 'Another campaign' });
  await createMeeting(db, { campaign_id: other.id, official_id: bc2, status: 'held', held_on: day(-5), local_id: a.id, logged_by: member.id });

  await createFollowUp(db, first.id, { due_on: day(-3) });
  await createFollowUp(db, first.id, { due_on: day(-30), created_at: noon(-39), done_at: noon(-20) });
  await createFollowUp(db, first.id, { due_on: day(4) });
  await createFollowUp(db, qc.id, { due_on: day(-10), created_at: noon(-24) });
  return { campaignId, locals, provinces: ['BC', 'ON', 'QC'], parties: ['Bloc Québécois', 'Conservative', 'Liberal', 'NDP'], coordinator, member };
}

/** The tracker on the figures' world, with a coordinator and a member of the first local signed in. */
export async function startFigureWorld() {
  const t = await startTestApp();
  const w = await createFigureWorld(t.db);
  return { t, w, coordinator: await signIn(t.app, w.coordinator.email), member: await signIn(t.app, w.member.email) };
}
