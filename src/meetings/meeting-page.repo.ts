import { z } from 'zod';
import type { Db } from '../db';
import { readRow, rows, timestamp } from '../db/one-statement';
import type { SessionUser } from '../shared/types';
import { FollowUpRow, followUpsOfMeeting } from './follow-ups.repo';
import { Person, PeopleScope, peopleChoicesQuery } from './lookups.repo';
import { AskRaised, asksRaised, attendees, MeetingDetails, meetingDetailsQuery, meetingHistory } from './meetings.repo';

const text = z.string().nullable();

/** A follow-up with its assignee's name (followUpsOfMeeting reads `f.*`: the columns not named here are kept as they come). */
const FollowUp = FollowUpRow.extend({ assignee_name: text, created_at: timestamp, updated_at: timestamp });

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
    schema: MeetingDetails.extend({ user_attended: z.boolean() }),
    query: meetingDetailsQuery(db, meetingId).select(db.raw('exists ? as user_attended', [attended])),
    name: "a meeting's page",
  }, {
    attendees: rows(Person, attendees(db, meetingId)),
    asks: rows(AskRaised, asksRaised(db, meetingId)),
    follow_ups: rows(FollowUp, followUpsOfMeeting(db, meetingId)),
    history: rows(AuditEvent, meetingHistory(db, meetingId)),
    people: rows(Person, peopleChoicesQuery(db, people)),
  });
}
