import { FormResult, id, isoDate, list, MAX_LENGTH, refuseNul, text, today } from '../shared/validation';
import { COMMITMENT_KINDS, isCode, MEETING_FORMATS, MEETING_STATUSES, STANCES } from '../vocab/vocab';

export const MAX_NOTES = MAX_LENGTH.notes;
const MAX_TEXT = MAX_LENGTH.paragraph;
/** Follow-up rows the form shows at least: one, and a button for another (which works without JavaScript). */
export const MIN_FOLLOW_UP_ROWS = 1;
/** Follow-ups one form may add; more are refused (422), not dropped: each is a row and an audit entry. */
export const MAX_FOLLOW_UPS = 20;
/**
 * Members one meeting may list as attendees: a delegation, not a mailing list. Without it a form
 * could name every account in one request (the body parser allows 2,000 fields).
 */
export const MAX_ATTENDEES = 50;

export interface FollowUpInput {
  description: string;
  due_on: string | null;
  assignee_id: number | null;
}

export interface MeetingInput {
  campaign_id: number | null;
  official_id: number;
  status: string;
  held_on: string;
  format: string | null;
  location: string | null;
  attendee_ids: number[];
  other_attendees: string | null;
  ask_ids: number[];
  stance: string | null;
  commitment_kinds: string[];
  commitments: string | null;
  notes: string | null;
  follow_ups: FollowUpInput[];
  /** Coordinators log for a local (null: national); undefined means the logger's own local. */
  local_id?: number | null;
}

export type FollowUpValues = { description: string; due_on: string; assignee_id: string };

/** What the user typed, as strings, to put back in the form. */
export type MeetingValues = {
  campaign_id: string; official_id: string; official_q: string; status: string; held_on: string;
  format: string; location: string; attendee_ids: string[]; other_attendees: string; ask_ids: string[];
  stance: string; commitment_kinds: string[]; commitments: string; notes: string;
  follow_ups: FollowUpValues[]; version: string; local_id?: string;
};

function followUpRows(body: Record<string, unknown>): unknown[] {
  return Array.isArray(body.follow_ups) ? body.follow_ups : Object.values((body.follow_ups as object) ?? {});
}

/** How many follow-up rows the form posted, blank ones included (the body parser bounds them). */
export function followUpRowsPosted(body: Record<string, unknown>): number {
  return followUpRows(body).length;
}

/** Notes keep their line breaks and inner spaces; only the ends are trimmed. */
function readValues(body: Record<string, unknown>): MeetingValues {
  const rows = followUpRows(body);
  return {
    campaign_id: text(body.campaign_id), official_id: text(body.official_id), official_q: text(body.official_q, MAX_LENGTH.name),
    status: text(body.status), held_on: text(body.held_on), format: text(body.format), location: text(body.location, MAX_LENGTH.line),
    // One beyond the limit is kept, so that the limit can be reported.
    attendee_ids: list(body.attendee_ids).slice(0, MAX_ATTENDEES + 1), other_attendees: text(body.other_attendees, MAX_TEXT), ask_ids: list(body.ask_ids),
    stance: text(body.stance), commitment_kinds: list(body.commitment_kinds), commitments: text(body.commitments, MAX_TEXT),
    notes: text(body.notes, MAX_NOTES), version: text(body.version),
    ...(body.local_id === undefined ? {} : { local_id: text(body.local_id) }),
    // Blank rows are dropped, so that a row's number in an error matches the row shown again; one
    // row beyond the limit is kept, so that the limit can be reported (the body parser bounds `rows`).
    follow_ups: rows.map((r) => {
      const row = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>;
      return { description: text(row.description, MAX_LENGTH.line), due_on: text(row.due_on), assignee_id: text(row.assignee_id) };
    }).filter((row) => row.description || row.due_on || row.assignee_id).slice(0, MAX_FOLLOW_UPS + 1),
  };
}

function ids(values: string[]): number[] | undefined {
  const out = values.map(id);
  return out.every((n): n is number => n !== undefined) ? [...new Set(out)] : undefined;
}

/** The meeting form, checked field by field; references to other rows are checked by the service. */
export function parseMeetingForm(body: Record<string, unknown>, now = today()): FormResult<MeetingInput> & { values: MeetingValues } {
  const errors: Record<string, string> = {};
  const values = refuseNul(readValues(body), errors);
  const campaignId = values.campaign_id ? id(values.campaign_id) : null;
  if (campaignId === undefined) errors.campaign_id = 'meetings:errors.campaign';
  const officialId = id(values.official_id);
  if (!officialId) errors.official_id = 'meetings:errors.official';
  if (!isCode(MEETING_STATUSES, values.status)) errors.status = 'meetings:errors.status';
  const heldOn = isoDate(values.held_on);
  if (!values.held_on) errors.held_on = 'meetings:errors.dateRequired';
  else if (!heldOn) errors.held_on = 'meetings:errors.date';
  else if (values.status === 'held' && heldOn > now) errors.held_on = 'meetings:errors.heldInFuture';
  if (values.format && !isCode(MEETING_FORMATS, values.format)) errors.format = 'meetings:errors.format';
  if (values.location.length > MAX_LENGTH.line) errors.location = 'meetings:errors.locationTooLong';
  const attendeeIds = ids(values.attendee_ids);
  if (values.attendee_ids.length > MAX_ATTENDEES) errors.attendee_ids = 'meetings:errors.tooManyAttendees';
  else if (!attendeeIds) errors.attendee_ids = 'meetings:errors.attendees';
  if (values.other_attendees.length > MAX_TEXT) errors.other_attendees = 'meetings:errors.otherAttendeesTooLong';
  const askIds = ids(values.ask_ids);
  if (!askIds) errors.ask_ids = 'meetings:errors.asks';
  if (values.stance && !isCode(STANCES, values.stance)) errors.stance = 'meetings:errors.stance';
  if (!values.commitment_kinds.every((k) => isCode(COMMITMENT_KINDS, k))) errors.commitment_kinds = 'meetings:errors.commitmentKinds';
  if (values.commitments.length > MAX_TEXT) errors.commitments = 'meetings:errors.commitmentsTooLong';
  if (values.notes.length > MAX_NOTES) errors.notes = 'meetings:errors.notesTooLong';
  const localId = values.local_id ? id(values.local_id) : values.local_id === '' ? null : undefined;
  if (values.local_id && localId === undefined) errors.local_id = 'meetings:errors.local';
  const followUps = parseFollowUpRows(values.follow_ups, errors);
  if (values.follow_ups.length > MAX_FOLLOW_UPS) errors.follow_ups = 'meetings:errors.tooManyFollowUps';
  if (Object.keys(errors).length) return { ok: false, values, errors };
  return {
    ok: true,
    values,
    value: {
      campaign_id: campaignId ?? null, official_id: officialId!, status: values.status, held_on: heldOn!,
      format: values.format || null, location: values.location || null, attendee_ids: attendeeIds!,
      other_attendees: values.other_attendees || null, ask_ids: askIds!, stance: values.stance || null,
      commitment_kinds: [...new Set(values.commitment_kinds)], commitments: values.commitments || null,
      notes: values.notes || null, follow_ups: followUps, ...(localId === undefined ? {} : { local_id: localId }),
    },
  };
}

/** Each row typed (blank ones are gone); a row with a date or an assignee but no description is a mistake. */
function parseFollowUpRows(rows: FollowUpValues[], errors: Record<string, string>): FollowUpInput[] {
  const out: FollowUpInput[] = [];
  rows.forEach((row, i) => {
    const key = (f: string) => `follow_ups[${i}][${f}]`;
    const parsed = parseFollowUp(row);
    if (!parsed.ok) for (const [f, message] of Object.entries(parsed.errors)) errors[key(f)] = message;
    else out.push(parsed.value);
  });
  return out;
}

export function parseFollowUp(row: FollowUpValues): { ok: true; value: FollowUpInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  refuseNul(row, errors);
  if (!row.description) errors.description = 'meetings:errors.followUpDescription';
  else if (row.description.length > MAX_LENGTH.line) errors.description = 'meetings:errors.followUpTooLong';
  const due = row.due_on ? isoDate(row.due_on) : null;
  if (due === undefined) errors.due_on = 'meetings:errors.date';
  const assignee = row.assignee_id ? id(row.assignee_id) : null;
  if (assignee === undefined) errors.assignee_id = 'meetings:errors.assignee';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { description: row.description, due_on: due ?? null, assignee_id: assignee ?? null } };
}
