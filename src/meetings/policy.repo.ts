import type { Knex } from 'knex';
import { z } from 'zod';
import type { Db } from '../db';
import { timestamp } from '../db/one-statement';
import { firstRow } from '../db/rows';
import type { Kind } from '../shared/rules';
import { MeetingRow } from './meetings.repo';

/*
 * The records the access policy (policy.ts) speaks of, as the rule engine (shared/rules.ts) reads
 * them: each kind's relations in SQL, and the facts a check reads about one record, with the same
 * relations as lists of ids. A relation added to a kind is added to its facts here, beside it.
 */

/** A meeting: `attendee_ids`, the members who attended it. */
export const MEETING: Kind = {
  table: 'meetings',
  relations: {
    attendee_ids: (q, alias, userId) => {
      q.whereExists((e) => { e.from('meeting_attendees as va').whereRaw('va.meeting_id = ??', [`${alias}.id`]).where('va.user_id', userId); });
    },
  },
  parents: {},
};

/** A follow-up, and the meeting it belongs to. */
export const FOLLOW_UP: Kind = { table: 'follow_ups', relations: {}, parents: { meeting: { kind: MEETING, key: 'meeting_id' } } };

/** A person (a users row): `on_record_of`, the meetings they attended or hold a follow-up of. */
export const PERSON: Kind = {
  table: 'users',
  relations: {
    on_record_of: (q, alias, meetingId) => {
      q.whereIn(`${alias}.id`, (s) => {
        s.from('meeting_attendees').where('meeting_id', meetingId).select('user_id')
          .union((u) => { u.from('follow_ups').where('meeting_id', meetingId).whereNotNull('assignee_id').select('assignee_id'); });
      });
    },
  },
  parents: {},
};

/** What a meeting's rules read. */
export const MeetingFacts = z.object({ local_id: z.number().nullable(), logged_by: z.number().nullable(), deleted_at: timestamp.nullable(),
  deleted_by: z.number().nullable(), attendee_ids: z.array(z.number()) });
export type MeetingFacts = z.output<typeof MeetingFacts>;

/** What a follow-up's rules read. */
export const FollowUpFacts = z.object({ id: z.number(), assignee_id: z.number().nullable(), meeting: MeetingFacts });
export type FollowUpFacts = z.output<typeof FollowUpFacts>;

/** What a person's rules read. */
export const PersonFacts = z.object({ id: z.number(), active: z.boolean(), local_id: z.number().nullable(), on_record_of: z.array(z.number()) });
export type PersonFacts = z.output<typeof PersonFacts>;

const attendeeIds = (db: Knex, alias: string) =>
  db.raw('ARRAY(SELECT user_id FROM meeting_attendees WHERE meeting_id = ??) AS attendee_ids', [`${alias}.id`]);

/** Meetings (aliased `m`) with their own columns and their attendees: the row a check and a change read. */
export function meetingsWithFacts(db: Db) {
  return db('meetings as m').select(...Object.keys(MeetingRow.shape).map((c) => `m.${c}`), attendeeIds(db, 'm'));
}

const MeetingChecked = MeetingRow.extend({ attendee_ids: z.array(z.number()) });
export type MeetingChecked = z.output<typeof MeetingChecked>;

export function findMeetingChecked(db: Db, id: number): Promise<MeetingChecked | undefined> {
  return firstRow(MeetingChecked, meetingsWithFacts(db).where('m.id', id).first(), 'a meeting to check');
}

/** Follow-ups (aliased `f`) with what their rules read (and `columns`), their meeting's facts as JSON. */
export function followUpsWithFacts(db: Db, columns = ['f.id', 'f.assignee_id']) {
  return db('follow_ups as f').join('meetings as m', 'm.id', 'f.meeting_id').select(...columns,
    db.raw(`json_build_object('local_id', m.local_id, 'logged_by', m.logged_by, 'deleted_at', m.deleted_at,
      'deleted_by', m.deleted_by, 'attendee_ids', ARRAY(SELECT user_id FROM meeting_attendees WHERE meeting_id = m.id)) AS meeting`));
}

/** People (aliased `u`) with what their rules read. */
export function peopleWithFacts(db: Db) {
  return db('users as u').select('u.id', 'u.active', 'u.local_id', db.raw(`ARRAY(SELECT meeting_id FROM meeting_attendees WHERE user_id = u.id
    UNION SELECT meeting_id FROM follow_ups WHERE assignee_id = u.id) AS on_record_of`));
}
