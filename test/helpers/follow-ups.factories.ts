import type { Knex } from 'knex';
import { findUserById } from '../../src/auth/users.repo';
import type { Role, SessionUser } from '../../src/shared/types';
import { createCampaign, createLocal, createMeeting, createOfficial, createUser } from './factories';

/**
 * Two locals' follow-ups under two campaigns, for the follow-up list as a coordinator sees it:
 * overdue, later, undated, done and unassigned ones, one held by a member of the other local, and
 * one on a deleted meeting (which nobody lists).
 */
export async function followUpWorld(db: Knex) {
  const localA = await createLocal(db, { name: 'Alpha Local 1' });
  const localB = await createLocal(db, { name: 'Beta Local 2' });
  const person = async (role: Role, name: string, local: { id: number } | null, active = true): Promise<SessionUser> =>
    (await findUserById(db, (await createUser(db, role, { name, local_id: local?.id ?? null, active })).id))!;
  const people = {
    coordinator: await person('coordinator', 'Cora Coordinator', null),
    amy: await person('member', 'Amy Alpha', localA),
    al: await person('member', 'Al Alpha', localA),
    bea: await person('member', 'Bea Beta', localB),
    gone: await person('member', 'Gone Beta', localB, false),
  };
  const c1 = await createCampaign(db, { name: 'First Campaign' });
  const c2 = await createCampaign(db, { name: 'Second Campaign' });
  const mp = await createOfficial(db, { first_name: 'Brenda', last_name: 'Shanahan' });
  const meeting = (local: { id: number }, campaign: { id: number }, by: SessionUser, deleted = false) =>
    createMeeting(db, { official_id: mp.id, local_id: local.id, campaign_id: campaign.id, logged_by: by.id, deleted_at: deleted ? new Date() : null });
  const meetings = { a: await meeting(localA, c1, people.amy), b: await meeting(localB, c2, people.bea), gone: await meeting(localB, c1, people.bea, true) };
  const ids: Record<string, number> = {};
  const followUp = async (description: string, on: { id: number }, fields: { due_on?: string; assignee?: SessionUser; done?: boolean } = {}) => {
    const [row] = await db('follow_ups').insert({ meeting_id: on.id, description, due_on: fields.due_on ?? null,
      assignee_id: fields.assignee?.id ?? null, done_at: fields.done ? new Date() : null }).returning('id');
    ids[description] = row.id as number;
  };
  await followUp('Alpha overdue', meetings.a, { due_on: '2020-01-01', assignee: people.amy });
  await followUp('Alpha later', meetings.a, { due_on: '2999-01-01' });
  await followUp('Beta overdue', meetings.b, { due_on: '2021-02-02', assignee: people.bea });
  await followUp('Beta done', meetings.b, { due_on: '2021-03-03', assignee: people.bea, done: true });
  await followUp('Beta undated', meetings.b, { assignee: people.al });
  await followUp('On a deleted meeting', meetings.gone, { due_on: '2020-05-05', assignee: people.amy });
  return { localA, localB, people, c1, c2, mp, meetings, ids };
}

export type FollowUpWorld = Awaited<ReturnType<typeof followUpWorld>>;

/** The follow-ups a list page shows, by description, in the order shown. */
export function listed(html: string, descriptions: string[]): string[] {
  return descriptions.map((d) => [d, html.indexOf(`">${d}</td>`)] as const).filter(([, at]) => at >= 0).sort((a, b) => a[1] - b[1]).map(([d]) => d);
}

export const OPEN = ['Alpha overdue', 'Alpha later', 'Beta overdue', 'Beta undated'];
export const EVERY = [...OPEN, 'Beta done', 'On a deleted meeting'];
