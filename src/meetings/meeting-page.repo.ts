import { z } from 'zod';
import type { Db } from '../db';
import { readRow, rows, timestamp } from '../db/one-statement';
import type { SessionUser } from '../shared/types';
import { followUpsOfMeeting } from './follow-ups.repo';
import { PeopleScope, peopleChoices } from './lookups.repo';
import { asksRaised, attendees, meetingDetailsQuery, meetingHistory } from './meetings.repo';

const Person = z.object({ id: z.number(), name: z.string() });
const text = z.string().nullable();
const id = z.number().nullable();

/** The meeting with its names (meetingDetailsQuery). */
export const MeetingDetailsRow = z.object({
  id: z.number(), campaign_id: id, official_id: z.number(), logged_by: id, local_id: id, status: z.string(), held_on: z.string(),
  format: text, location: text, other_attendees: text, stance: text, commitment_kinds: z.array(z.string()), commitments: text,
  notes: text, version: z.number(), deleted_at: timestamp.nullable(), deleted_by: id, created_at: timestamp, updated_at: timestamp,
  honorific: text, first_name: z.string(), last_name: z.string(), constituency: z.string(), province: text, party: text,
  campaign_name: text, campaign_name_fr: text, logged_by_name: text, local_name: text,
});

/** A follow-up with its assignee's name (followUpsOfMeeting reads `f.*`: the columns not named here are kept as they come). */
const FollowUp = z.looseObject({
  id: z.number(), meeting_id: z.number(), description: z.string(), due_on: text, assignee_id: id, done_at: timestamp.nullable(),
  done_by: id, assignee_name: text, created_at: timestamp, updated_at: timestamp,
});

const AuditEvent = z.object({
  id: z.number(), entity: z.string(), action: z.string(), changes: z.record(z.string(), z.unknown()).nullable(), created_at: timestamp,
  user_name: text, description: text,
});

export type MeetingPage = NonNullable<Awaited<ReturnType<typeof meetingPage>>>;

/**
 * Everything a meeting's page shows, in one statement: the meeting with its names and, as JSON
 * arrays, its attendees, asks, follow-ups and audit trail, whether the signed-in user attended (the
 * access rules need it), and the people an editor can pick (`people`; read even when the user may
 * not edit: cheaper than asking again).
 */
export async function meetingPage(db: Db, meetingId: number, user: SessionUser, people: PeopleScope) {
  const attended = db('meeting_attendees').where({ meeting_id: meetingId, user_id: user.id }).select(db.raw('1'));
  return readRow(db, {
    schema: MeetingDetailsRow.extend({ user_attended: z.boolean() }),
    query: meetingDetailsQuery(db, meetingId).select(db.raw('exists ? as user_attended', [attended])),
    name: "a meeting's page",
  }, {
    attendees: rows(Person, attendees(db, meetingId)),
    asks: rows(z.object({ id: z.number(), text: z.string(), text_fr: z.string() }), asksRaised(db, meetingId)),
    follow_ups: rows(FollowUp, followUpsOfMeeting(db, meetingId)),
    history: rows(AuditEvent, meetingHistory(db, meetingId)),
    people: rows(Person, peopleChoices(db, people)),
  });
}
