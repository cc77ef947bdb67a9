import type { Knex } from 'knex';
import { logMeeting } from '../../src/meetings/meetings.service';
import type { MeetingInput } from '../../src/meetings/meetings.validate';
import type { SessionUser } from '../../src/shared/types';
import { today } from '../../src/shared/validation';

/** A campaign with its asks (the campaigns feature owns the real forms; tests only need rows). */
/** Logs a meeting through the service, as the form would; throws if it was refused. */
export async function meetingBy(db: Knex, user: SessionUser, fields: Partial<MeetingInput> & Pick<MeetingInput, 'official_id'>) {
  const result = await logMeeting(db, user, fields);
  if (!result.ok) throw new Error(`meeting refused: ${JSON.stringify(result)}`);
  return result.meeting;
}

/** A whole meeting's input, as the edit form sends it, from the fields a test cares about. */
export function meetingInput(fields: Partial<MeetingInput> & Pick<MeetingInput, 'official_id'>): MeetingInput {
  return {
    campaign_id: null, status: 'held', held_on: today(), format: null, location: null, attendee_ids: [],
    other_attendees: null, ask_ids: [], stance: null, commitment_kinds: [], commitments: null, notes: null, follow_ups: [], ...fields,
  };
}

/** Follow-up rows named as the form's inputs are (follow_ups[0][description] …), as a browser posts them. */
export function followUpFields(rows: { description?: string; due_on?: string; assignee_id?: string | number }[]) {
  return Object.fromEntries(rows.flatMap((row, i) =>
    (['description', 'due_on', 'assignee_id'] as const).map((k) => [`follow_ups[${i}][${k}]`, String(row[k] ?? '')])));
}
