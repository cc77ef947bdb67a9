import type { Knex } from 'knex';
import type { Db } from '../db';
import { hasRole } from '../shared/auth-guards';
import { after, all, always, among, any, applyRule, equal, has, holds, Joined, missing, never, of, Rule, selectEach } from '../shared/rules';
import type { SessionUser } from '../shared/types';
import { FOLLOW_UP, FollowUpFacts, MEETING, MeetingFacts, PERSON, PersonFacts } from './policy.repo';

/*
 * Who may see and change a meeting and a follow-up, and whom a user may pick as an attendee or an
 * assignee: said once, here, as rules (shared/rules.ts) that give both the lists' SQL filters and the
 * checks on one record. Every access decision about these records is made through this module;
 * test/meetings/policy.test.ts compares the two readings on the same rows for every role, and
 * test/meetings/policy-guard.test.ts fails on such a decision written anywhere else.
 */

/**
 * Coordinators and admins work across every local: they see every meeting (the deleted ones too, to
 * restore them), choose the local a meeting counts for, and act on follow-ups in bulk. A deactivated
 * user does nothing at all.
 */
export function worksAcrossLocals(user: SessionUser): boolean {
  return user.active && hasRole(user, 'coordinator');
}

const ownLocal = (user: SessionUser, field = 'local_id'): Rule => (user.local_id ? equal(field, user.local_id) : never);

/** The meetings the user logged or attended. */
export const involving = (user: SessionUser): Rule => any(equal('logged_by', user.id), has('attendee_ids', user.id));

export type MeetingNeed = 'see' | 'change' | 'restore';

/**
 * How long whoever deleted a meeting may undo it themself. Ten minutes covers "I pressed the wrong
 * button" and the time to notice on the next page; later, a coordinator restores it, as before.
 */
export const UNDO_MINUTES = 10;

/** A meeting the user deleted less than UNDO_MINUTES ago, among those they logged or attended. */
const ownRecentDeletion = (user: SessionUser, now: Date): Rule =>
  all(equal('deleted_by', user.id), involving(user), after('deleted_at', new Date(now.getTime() - UNDO_MINUTES * 60_000)));

/**
 * Members see their local's meetings and the ones they logged or attended, and change only the ones
 * they logged or attended; coordinators and admins see and change all. A deleted meeting only
 * coordinators see, and nobody changes it before restoring it. Coordinators restore any deleted
 * meeting at any time; the member who deleted one of theirs may undo it for UNDO_MINUTES.
 */
export function meetingRule(user: SessionUser, need: MeetingNeed, now = new Date()): Rule {
  if (!user.active) return never;
  const everyLocal = worksAcrossLocals(user);
  switch (need) {
    case 'see': return everyLocal ? always : all(missing('deleted_at'), any(ownLocal(user), involving(user)));
    case 'change': return all(missing('deleted_at'), everyLocal ? always : involving(user));
    case 'restore': return everyLocal ? always : ownRecentDeletion(user, now);
  }
}

export type FollowUpNeed = 'see' | 'change';

/**
 * A follow-up of a meeting that is not deleted: its assignee sees it, and so does anyone who sees its
 * meeting; whoever sees one may also mark it done, reopen it and reassign it.
 */
export function followUpRule(user: SessionUser, _need: FollowUpNeed): Rule {
  if (!user.active) return never;
  const live = of('meeting', missing('deleted_at'));
  if (worksAcrossLocals(user)) return live;
  return all(live, any(equal('assignee_id', user.id), of('meeting', meetingRule(user, 'see'))));
}

/** The record a person is picked for: its meeting (attendees and assignees are on its record) and anyone already on it. */
export interface PeopleRecord {
  meetingId?: number;
  already?: readonly number[];
}

function onRecord(user: SessionUser, record: PeopleRecord): Rule[] {
  return [among('id', [user.id, ...(record.already ?? [])]), record.meetingId ? has('on_record_of', record.meetingId) : never];
}

/**
 * Whom a user may pick as an attendee or an assignee: themself and whoever is already on the record
 * (deactivated since or not, so that an edit keeps them); besides, coordinators and admins any
 * active person, a member the active people of their own local and nobody else without a local (so
 * that a member can neither list every account nor hand work to a stranger).
 */
export function choosableRule(user: SessionUser, record: PeopleRecord = {}): Rule {
  if (!user.active) return never;
  const pool = worksAcrossLocals(user) ? equal('active', true) : all(equal('active', true), ownLocal(user));
  return any(...onRecord(user, record), pool);
}

/**
 * Whom a form offers by name: those choosableRule allows, but for a coordinator only the active
 * people of one local (`near`, else their own) when there is one, since a list of every account at
 * national scale would be megabytes; national staff without a local are offered everyone, unless
 * `near` is null (a page that lists many records: then only those on the record).
 */
export function offeredRule(user: SessionUser, record: PeopleRecord = {}, near?: number | null): Rule {
  if (!user.active || !worksAcrossLocals(user)) return choosableRule(user, record);
  const local = near === undefined ? user.local_id : near;
  const pool = local ? equal('local_id', local) : near === null ? never : always;
  return any(...onRecord(user, record), all(equal('active', true), pool));
}

type Modifier = (q: Knex.QueryBuilder) => void;

/** The SQL filters: a query on meetings aliased `m` (knex's modify()). */
export const meetingsFilter = (user: SessionUser, need: MeetingNeed): Modifier => (q) => { applyRule(q, meetingRule(user, need), MEETING, 'm'); };

/** A query on follow-ups aliased `f`; with `joined`, its meeting is already joined under that alias. */
export const followUpsFilter = (user: SessionUser, need: FollowUpNeed, joined: Joined = {}): Modifier =>
  (q) => { applyRule(q, followUpRule(user, need), FOLLOW_UP, 'f', joined); };

/** A query on users aliased `u`: the people the user may pick for the record. */
export const peopleFilter = (user: SessionUser, record: PeopleRecord = {}): Modifier =>
  (q) => { applyRule(q, choosableRule(user, record), PERSON, 'u'); };

/** The meetings the user logged or attended (the list's "mine"), on a query aliased `m`. */
export const involvingFilter = (user: SessionUser): Modifier => (q) => { applyRule(q, involving(user), MEETING, 'm'); };

/** The people a form offers (offeredRule), by name: id and name, one SELECT per alternative (selectEach). */
export function offeredPeople(db: Db, user: SessionUser, record: PeopleRecord = {}, near?: number | null) {
  return selectEach(db, offeredRule(user, record, near), PERSON, 'u', ['u.id', 'u.name']).orderBy('name');
}

/** The checks on one record, read with its facts (policy.repo.ts). */
export const mayMeeting = (user: SessionUser, need: MeetingNeed, facts: MeetingFacts) => holds(meetingRule(user, need), MEETING, facts);
export const mayFollowUp = (user: SessionUser, need: FollowUpNeed, facts: FollowUpFacts) => holds(followUpRule(user, need), FOLLOW_UP, facts);
export const mayPick = (user: SessionUser, record: PeopleRecord, facts: PersonFacts) => holds(choosableRule(user, record), PERSON, facts);
