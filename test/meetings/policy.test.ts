import { z } from 'zod';
import { findUserById } from '../../src/auth/users.repo';
import { allRows } from '../../src/db/rows';
import {
  choosableRule, followUpsFilter, mayFollowUp, mayMeeting, mayPick, MeetingNeed, meetingsFilter, offeredPeople, offeredRule, PeopleRecord, peopleFilter,
} from '../../src/meetings/policy';
import { FollowUpFacts, followUpsWithFacts, MeetingFacts, meetingsWithFacts, PERSON, PersonFacts, peopleWithFacts } from '../../src/meetings/policy.repo';
import { holds } from '../../src/shared/rules';
import type { Role, SessionUser } from '../../src/shared/types';
import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createMeeting, createOfficial, createUser } from '../helpers/factories';

/*
 * The access policy read two ways, on the same rows: the SQL filter a list applies and the check
 * made on one record must agree, for every role, on meetings, follow-ups and the people one may pick.
 * The expected sets say, besides, what each role gets, in the fixtures' names.
 */
let t: TestApp;
const users: Record<string, SessionUser> = {};
const meetings: Record<string, number> = {};
const followUps: Record<string, number> = {};
const ROLES: [string, Role, 'A' | 'B' | null, boolean][] = [
  ['member of the local', 'member', 'A', true], ['member of another local', 'member', 'B', true],
  ['member without a local', 'member', null, true], ['coordinator', 'coordinator', 'A', true],
  ['admin', 'admin', null, true], ['deactivated', 'member', 'A', false],
];

beforeAll(async () => {
  t = await startTestApp();
  const locals = { A: (await createLocal(t.db)).id, B: (await createLocal(t.db)).id };
  for (const [name, role, local, active] of [...ROLES, ['colleague', 'member', 'A', true] as const]) {
    const u = await createUser(t.db, role, { name, local_id: local ? locals[local] : null, active });
    users[name] = (await findUserById(t.db, u.id))!;
  }
  const mp = await createOfficial(t.db);
  const meeting = async (name: string, local: 'A' | 'B' | null, by: string,
    over: { attendees?: string[]; deleted?: boolean; deletedBy?: string; minutesAgo?: number } = {}) => {
    const deleted = over.deleted || over.deletedBy;
    const m = await createMeeting(t.db, { official_id: mp.id, local_id: local ? locals[local] : null, logged_by: users[by].id,
      attendee_ids: (over.attendees ?? []).map((a) => users[a].id), deleted_at: deleted ? new Date(Date.now() - (over.minutesAgo ?? 0) * 60_000) : null,
      deleted_by: over.deletedBy ? users[over.deletedBy].id : null });
    meetings[name] = m.id;
  };
  await meeting("A's, by a colleague", 'A', 'colleague', { attendees: ['colleague'] });
  await meeting("A's, by the member", 'A', 'member of the local');
  await meeting("A's, deleted", 'A', 'member of the local', { deleted: true });
  await meeting("A's, just deleted by the member", 'A', 'member of the local', { deletedBy: 'member of the local', minutesAgo: 1 });
  await meeting("A's, deleted by the member 11 minutes ago", 'A', 'member of the local', { deletedBy: 'member of the local', minutesAgo: 11 });
  await meeting("A's, by a colleague, just deleted by them", 'A', 'colleague', { deletedBy: 'colleague', minutesAgo: 1 });
  await meeting("B's, attended by A's member, just deleted by them", 'B', 'member of another local',
    { attendees: ['member of the local'], deletedBy: 'member of the local', minutesAgo: 1 });
  await meeting("B's, just deleted by a coordinator", 'B', 'member of another local', { deletedBy: 'coordinator', minutesAgo: 1 });
  await meeting("B's, attended by A's member", 'B', 'member of another local', { attendees: ['member of the local'] });
  await meeting("B's", 'B', 'member of another local');
  await meeting('without a local', null, 'member without a local');
  const followUp = async (name: string, on: string, assignee: string | null) => {
    const [row] = await t.db('follow_ups').insert({ meeting_id: meetings[on], description: name, assignee_id: assignee ? users[assignee].id : null }).returning('id');
    followUps[name] = row.id;
  };
  await followUp('colleague’s', "A's, by a colleague", 'colleague');
  await followUp('unassigned, A', "A's, by a colleague", null);
  await followUp('the deactivated one’s', "A's, by the member", 'deactivated');
  await followUp('on the deleted meeting', "A's, deleted", 'member of the local');
  await followUp('B’s, on the attended meeting', "B's, attended by A's member", 'member of another local');
  await followUp('assigned to A’s member in B', "B's", 'member of the local');
  await followUp('unassigned, B', "B's", null);
  await followUp('without a local', 'without a local', 'member without a local');
});
afterAll(async () => { await t.close(); });

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
const named = (book: Record<string, number>, ids: number[]) => Object.keys(book).filter((k) => ids.includes(book[k])).sort();
const every = (book: Record<string, number>) => Object.keys(book).sort();
const all = (book: Record<string, number>, ...except: string[]) => every(book).filter((k) => !except.includes(k));

async function meetingsBoth(user: SessionUser, need: MeetingNeed) {
  const sql = (await t.db('meetings as m').modify(meetingsFilter(user, need)).pluck('m.id')) as number[];
  const facts = await allRows(MeetingFacts.extend({ id: z.number() }), meetingsWithFacts(t.db), 'meetings');
  return { sql: sorted(sql), predicate: facts.filter((m) => mayMeeting(user, need, m)).map((m) => m.id).sort((a, b) => a - b) };
}

async function followUpsBoth(user: SessionUser, need: 'see' | 'change') {
  const joined = (await t.db('follow_ups as f').join('meetings as m', 'm.id', 'f.meeting_id')
    .modify(followUpsFilter(user, need, { meeting: 'm' })).pluck('f.id')) as number[];
  const alone = (await t.db('follow_ups as f').modify(followUpsFilter(user, need)).pluck('f.id')) as number[];
  const facts = await allRows(FollowUpFacts, followUpsWithFacts(t.db), 'follow-ups');
  return { joined: sorted(joined), alone: sorted(alone), predicate: sorted(facts.filter((f) => mayFollowUp(user, need, f)).map((f) => f.id)) };
}

const people = () => allRows(PersonFacts, peopleWithFacts(t.db), 'people');
const ids = (book: Record<string, SessionUser>, names: string[]) => names.map((n) => book[n].id);

const DELETED = ["A's, deleted", "A's, just deleted by the member", "A's, deleted by the member 11 minutes ago",
  "A's, by a colleague, just deleted by them", "B's, attended by A's member, just deleted by them", "B's, just deleted by a coordinator"];

/**
 * What each role may see, change and restore, in the fixtures' names (the deleted meeting's
 * follow-up: nobody). A member restores only what they deleted themself less than ten minutes ago,
 * of the meetings they logged or attended; coordinators and admins restore any.
 */
const expected = (): Record<string, { see: string[]; change: string[]; restore: string[]; followUps: string[] }> => ({
  'member of the local': {
    see: ["A's, by a colleague", "A's, by the member", "B's, attended by A's member"],
    change: ["A's, by the member", "B's, attended by A's member"],
    restore: ["A's, just deleted by the member", "B's, attended by A's member, just deleted by them"],
    followUps: ['assigned to A’s member in B', 'B’s, on the attended meeting', 'colleague’s', 'the deactivated one’s', 'unassigned, A'],
  },
  'member of another local': {
    see: ["B's", "B's, attended by A's member"], change: ["B's", "B's, attended by A's member"], restore: [],
    followUps: ['assigned to A’s member in B', 'B’s, on the attended meeting', 'unassigned, B'],
  },
  'member without a local': { see: ['without a local'], change: ['without a local'], restore: [], followUps: ['without a local'] },
  coordinator: { see: every(meetings), change: all(meetings, ...DELETED), restore: every(meetings), followUps: all(followUps, 'on the deleted meeting') },
  admin: { see: every(meetings), change: all(meetings, ...DELETED), restore: every(meetings), followUps: all(followUps, 'on the deleted meeting') },
  deactivated: { see: [], change: [], restore: [], followUps: [] },
});

describe.each(ROLES.map(([name]) => name))('as %s', (name) => {
  const user = () => users[name];

  test.each(['see', 'change', 'restore'] as const)('the meetings they may %s: the SQL filter and the check agree', async (need) => {
    const { sql, predicate } = await meetingsBoth(user(), need);
    expect(sql).toEqual(predicate);
    expect(named(meetings, sql)).toEqual([...expected()[name][need]].sort());
  });

  test.each(['see', 'change'] as const)('the follow-ups they may %s: both SQL forms and the check agree', async (need) => {
    const { joined, alone, predicate } = await followUpsBoth(user(), need);
    expect(joined).toEqual(predicate);
    expect(alone).toEqual(predicate);
    expect(named(followUps, joined)).toEqual([...expected()[name].followUps].sort());
  });

  const records: [string, () => PeopleRecord][] = [
    ['a new record', () => ({})],
    ["A's meeting (its attendee and assignees on the record)", () => ({ meetingId: meetings["A's, by the member"] })],
    ["B's meeting, someone of B already on it", () => ({ meetingId: meetings["B's"], already: ids(users, ['member of another local']) })],
  ];
  test.each(records)('the people they may pick for %s: the SQL filter and the check agree; a form offers no one else', async (_label, record) => {
    const sql = sorted((await t.db('users as u').modify(peopleFilter(user(), record())).pluck('u.id')) as number[]);
    const facts = await people();
    expect(sql).toEqual(sorted(facts.filter((p) => mayPick(user(), record(), p)).map((p) => p.id)));
    for (const near of [undefined, null, users['member of another local'].local_id!]) {
      const offered = sorted((await offeredPeople(t.db, user(), record(), near)).map((p: { id: number }) => p.id));
      expect(offered).toEqual(sorted(facts.filter((p) => holds(offeredRule(user(), record(), near), PERSON, p)).map((p) => p.id)));
      expect(offered.every((id) => sql.includes(id))).toBe(true);
    }
    if (name === 'deactivated') expect(sql).toEqual([]);
    else expect(sql).toContain(user().id);
  });
});

describe('whom each may pick, in names', () => {
  const names = async (user: string, record: PeopleRecord = {}) => {
    const found = (await t.db('users as u').modify(peopleFilter(users[user], record)).pluck('u.id')) as number[];
    return Object.keys(users).filter((n) => found.includes(users[n].id)).sort();
  };

  test("a member: their local's active people and those on the record; without a local, themself", async () => {
    expect(await names('member of the local')).toEqual(['colleague', 'coordinator', 'member of the local']);
    expect(await names('member of the local', { meetingId: meetings["A's, by the member"] }))
      .toEqual(['colleague', 'coordinator', 'deactivated', 'member of the local']);
    expect(await names('member without a local')).toEqual(['member without a local']);
  });

  test('a coordinator or an admin: every active person; a deactivated user: nobody', async () => {
    const active = Object.keys(users).filter((n) => n !== 'deactivated').sort();
    expect(await names('coordinator')).toEqual(active);
    expect(await names('admin')).toEqual(active);
    expect(await names('deactivated', { meetingId: meetings["A's, by the member"] })).toEqual([]);
    expect(choosableRule(users.deactivated)).toEqual({ is: 'any', rules: [] });
  });
});
