import type { Db } from '../db';
import { jsonRows, reviveDates } from '../shared/json-rows';
import { prepared } from '../db/prepared';
import type { SessionUser } from '../shared/types';
import { followUpsOfMeeting, FollowUpRow } from './follow-ups.repo';
import { PeopleScope, peopleChoices } from './lookups.repo';
import { asksRaised, attendees, MeetingDetails, meetingDetailsQuery, meetingHistory } from './meetings.repo';

type Person = { id: number; name: string };

export interface MeetingPage extends MeetingDetails {
  /** Whether the signed-in user attended: the access rules need it. */
  user_attended: boolean;
  attendees: Person[];
  asks: { id: number; text: string }[];
  follow_ups: (FollowUpRow & { assignee_name: string | null; created_at: Date; updated_at: Date })[];
  history: { id: number; entity: string; action: string; changes: Record<string, unknown> | null; created_at: Date;
    user_name: string | null; description: string | null }[];
  /** Who the user could assign a follow-up to; read even when the user may not edit (cheaper than asking again). */
  people: Person[];
}

/**
 * Everything a meeting's page shows, in one statement: the meeting with its names and, as JSON
 * arrays, its attendees, asks, follow-ups and audit trail, and the people an editor can pick (`people`).
 */
export async function meetingPage(db: Db, meetingId: number, user: SessionUser, people: PeopleScope): Promise<MeetingPage | undefined> {
  const attended = db('meeting_attendees').where({ meeting_id: meetingId, user_id: user.id }).select(db.raw('1'));
  const row: MeetingPage | undefined = await prepared(meetingDetailsQuery(db, meetingId)).first(
    db.raw('exists ? as user_attended', [attended]),
    jsonRows(db, attendees(db, meetingId), 'attendees'),
    jsonRows(db, asksRaised(db, meetingId), 'asks'),
    jsonRows(db, followUpsOfMeeting(db, meetingId), 'follow_ups'),
    jsonRows(db, meetingHistory(db, meetingId), 'history'),
    jsonRows(db, peopleChoices(db, people), 'people'),
  );
  if (!row) return undefined;
  reviveDates(row.follow_ups, ['done_at', 'created_at', 'updated_at']);
  reviveDates(row.history, ['created_at']);
  return row;
}
