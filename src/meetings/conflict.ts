import type { Conflict } from './meetings.service';
import type { MeetingValues } from './meetings.validate';

export interface ConflictRow { field: string; saved: string; yours: string }

const COMPARED = ['official_id', 'campaign_id', 'status', 'held_on', 'format', 'location', 'attendee_ids', 'other_attendees',
  'ask_ids', 'stance', 'commitment_kinds', 'commitments', 'notes'] as const;

const asText = (v: unknown) => (Array.isArray(v) ? v.map(String).sort().join(', ') : v === null || v === undefined ? '' : String(v));

/** The fields where the meeting as saved by someone else differs from what this user typed. */
export function conflictRows(conflict: Conflict, values: MeetingValues): ConflictRow[] {
  const saved: Record<string, unknown> = { ...conflict.current, attendee_ids: conflict.attendee_ids, ask_ids: conflict.ask_ids };
  return COMPARED
    .map((field) => ({ field, saved: asText(saved[field]), yours: asText(values[field]) }))
    .filter((row) => row.saved !== row.yours);
}
