import { z } from 'zod';
import type { Db } from '../db';
import { readRow, rows, timestamp, value } from '../db/one-statement';
import type { SessionUser } from '../shared/types';
import { FollowUpRow, followUpsOfMeeting } from './follow-ups.repo';
import { Person } from './lookups.repo';
import { offeredPeople } from './policy';
import { AskRaised, asksRaised, attendees, MeetingDetails, meetingDetailsQuery, meetingHistory } from './meetings.repo';

const text = z.string().nullable();

/** A follow-up with its assignee's name (followUpsOfMeeting reads `f.*`: the columns not named here are kept as they come). */
const FollowUp = FollowUpRow.extend({ assignee_name: text, created_at: timestamp, updated_at: timestamp });

const AuditEvent = z.object({
  id: z.number(), entity: z.string(), action: z.string(), changes: z.record(z.string(), z.unknown()).nullable(), created_at: timestamp,
  user_name: text, description: text,
});

/** A meeting with the ids of its attendees, which the access policy reads. */
const MeetingWithAttendees = MeetingDetails.extend({ attendee_ids: z.array(z.number()) });

export type MeetingPage = NonNullable<Awaited<ReturnType<typeof meetingPage>>>;

/**
 * Everything a meeting's page shows, in one statement: the meeting with its names and, as JSON
 * arrays, its attendees, asks, follow-ups and audit trail, the ids of its attendees (the access
 * policy reads them), and the people an editor can pick (`people`; read even when the user may not
 * edit: cheaper than asking again).
 */
export async function meetingPage(db: Db, meetingId: number, user: SessionUser) {
  return readRow(db, {
    schema: MeetingWithAttendees,
    query: meetingDetailsQuery(db, meetingId)
      .select(db.raw('ARRAY(SELECT user_id FROM meeting_attendees WHERE meeting_id = m.id) AS attendee_ids')),
    name: "a meeting's page",
  }, {
    attendees: rows(Person, attendees(db, meetingId)),
    asks: rows(AskRaised, asksRaised(db, meetingId)),
    follow_ups: rows(FollowUp, followUpsOfMeeting(db, meetingId)),
    history: rows(AuditEvent, meetingHistory(db, meetingId)),
    people: rows(Person, offeredPeople(db, user, { meetingId })),
  });
}

/**
 * What deleting a meeting would remove, for the page that asks first: the meeting with its names
 * and its attendees (the access policy reads them), and how many follow-ups it has, open or done.
 */
export function deletionSummary(db: Db, meetingId: number) {
  return readRow(db, {
    schema: MeetingWithAttendees,
    query: meetingDetailsQuery(db, meetingId)
      .select(db.raw('ARRAY(SELECT user_id FROM meeting_attendees WHERE meeting_id = m.id) AS attendee_ids')),
    name: 'a meeting about to be deleted',
  }, {
    follow_ups: value(z.number(), db.raw('SELECT count(*)::int FROM follow_ups WHERE meeting_id = ?', [meetingId])),
    open_follow_ups: value(z.number(), db.raw('SELECT count(*)::int FROM follow_ups WHERE meeting_id = ? AND done_at IS NULL', [meetingId])),
  });
}
