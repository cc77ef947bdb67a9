import type { Db } from '../db';
import { allRows } from '../db/rows';
import { changedFields, recordAudit } from '../shared/audit.repo';
import type { SessionUser } from '../shared/types';
import { today } from '../shared/validation';
import { meetingFor } from './access.service';
import { Person } from './lookups.repo';
import { PeopleRecord, worksAcrossLocals } from './policy';
import { ReferenceFacts, referenceFacts } from './references.repo';
import {
  AskRaised, askIds, asksRaised, attendeeIds, attendees, findMeetingDetails, insertMeetingWithRows, MeetingDetails, MeetingFields, MeetingRow,
  replaceAsks, replaceAttendees, setDeleted, updateMeeting,
} from './meetings.repo';
import type { MeetingInput } from './meetings.validate';

export type Duplicate = NonNullable<ReferenceFacts['duplicates']>[number];

export type SaveResult =
  | { ok: true; meeting: MeetingRow; followUps: number; details: MeetingDetails }
  | { ok: false; errors: Record<string, string> }
  | { ok: false; duplicates: Duplicate[] }
  | { ok: false; conflict: Conflict };

/** The meeting as someone else saved it, for the "what changed" view. */
export interface Conflict {
  current: MeetingDetails; attendee_ids: number[]; ask_ids: number[];
  attendees: { id: number; name: string }[]; asks: { id: number; text: string; text_fr: string }[];
}

const FIELDS = ['campaign_id', 'official_id', 'status', 'held_on', 'format', 'location', 'other_attendees', 'stance',
  'commitment_kinds', 'commitments', 'notes'] as const;

function fieldsOf(input: MeetingInput): MeetingFields {
  return Object.fromEntries(FIELDS.map((f) => [f, input[f]])) as unknown as MeetingFields;
}

/** What the audit trail records of a meeting: its fields and who and what it involved. */
function snapshot(row: MeetingFields & { local_id: number | null }, attendees: number[], asks: number[]) {
  return { ...Object.fromEntries(FIELDS.map((f) => [f, row[f]])), local_id: row.local_id, attendee_ids: attendees, ask_ids: asks };
}

/** Coordinators choose the local a meeting counts for; a member's meetings are their local's. */
function chosenLocal(user: SessionUser, input: MeetingInput, current: number | null): number | null {
  return worksAcrossLocals(user) && input.local_id !== undefined ? input.local_id : current;
}

/** References to other rows the form cannot check by itself: they must exist and belong together. */
function referenceErrors(input: MeetingInput, facts: ReferenceFacts): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!facts.official) errors.official_id = 'meetings:errors.official';
  if (input.campaign_id && !facts.campaign) errors.campaign_id = 'meetings:errors.campaign';
  if (input.local_id && !facts.local) errors.local_id = 'meetings:errors.local';
  const asks = new Set(facts.asks);
  if (!input.ask_ids.every((a) => asks.has(a))) errors.ask_ids = 'meetings:errors.asksOfOtherCampaign';
  const known = new Set(facts.people);
  if (!input.attendee_ids.every((a) => known.has(a))) errors.attendee_ids = 'meetings:errors.attendees';
  input.follow_ups.forEach((f, i) => {
    if (f.assignee_id && !known.has(f.assignee_id)) errors[`follow_ups[${i}][assignee_id]`] = 'meetings:errors.assignee';
  });
  return errors;
}

/** The facts referenceErrors needs about a meeting's input, read in one statement. */
function factsAbout(db: Db, user: SessionUser, record: PeopleRecord, input: Omit<MeetingInput, 'campaign_id'> & { campaign_id: number | null | undefined }, sameDay?: string) {
  const people = [...input.attendee_ids, ...input.follow_ups.map((f) => f.assignee_id).filter((a): a is number => !!a)];
  return referenceFacts(db, { official_id: input.official_id, campaign_id: input.campaign_id, local_id: input.local_id,
    ask_ids: input.ask_ids, people, user, record, sameDay });
}

/** A new meeting with the usual defaults, for what the caller left out. */
function meetingInput(fields: Partial<MeetingInput> & Pick<MeetingInput, 'official_id'>): MeetingInput {
  return {
    campaign_id: null, status: 'held', held_on: today(), format: null, location: null, attendee_ids: [],
    other_attendees: null, ask_ids: [], stance: null, commitment_kinds: [], commitments: null, notes: null,
    follow_ups: [], ...fields,
  };
}

/**
 * Logs a meeting with its attendees, asks and follow-ups, and audits it: one statement checks what
 * the input refers to, one inserts it all (atomic by itself). With `checkDuplicate`, a meeting with
 * the same official on the same day is reported instead of saved. `campaign_id: undefined` means
 * the default campaign.
 */
export async function logMeeting(db: Db, user: SessionUser, fields: Partial<MeetingInput> & Pick<MeetingInput, 'official_id'>,
  options: { checkDuplicate?: boolean } = {}): Promise<SaveResult> {
  const asked = meetingInput(fields);
  const facts = await factsAbout(db, user, {}, { ...asked, campaign_id: fields.campaign_id }, options.checkDuplicate ? asked.held_on : undefined);
  const input = { ...asked, campaign_id: facts.campaign_id };
  const errors = referenceErrors(input, facts);
  if (Object.keys(errors).length) return { ok: false, errors };
  if (facts.duplicates?.length) return { ok: false, duplicates: facts.duplicates };
  const row = { ...fieldsOf(input), logged_by: user.id, local_id: chosenLocal(user, input, user.local_id) };
  const audit = { ...changedFields({}, snapshot(row, input.attendee_ids, input.ask_ids)), follow_ups: { from: 0, to: input.follow_ups.length } };
  const { follow_ups_added, ...meeting } = await insertMeetingWithRows(db, row,
    { attendee_ids: input.attendee_ids, ask_ids: input.ask_ids, follow_ups: input.follow_ups, audit });
  return { ok: true, meeting, details: meeting, followUps: follow_ups_added };
}

/** Saves an edit made from `version`; if someone saved since, nothing is written and the current state is returned. */
export async function editMeeting(db: Db, user: SessionUser, id: number, version: number, input: MeetingInput): Promise<SaveResult> {
  return db.transaction(async (trx) => {
    const before = await meetingFor(trx, user, id, 'change');
    const errors = referenceErrors(input, await factsAbout(trx, user, { meetingId: id }, input));
    if (Object.keys(errors).length) return { ok: false, errors };
    const [oldAttendees, oldAsks] = [await attendeeIds(trx, id), await askIds(trx, id)];
    const saved = await updateMeeting(trx, id, version, { ...fieldsOf(input), local_id: chosenLocal(user, input, before.local_id) });
    if (!saved) {
      const current = (await findMeetingDetails(trx, id))!;
      return { ok: false, conflict: { current, attendee_ids: oldAttendees, ask_ids: oldAsks,
        attendees: await allRows(Person, attendees(trx, id), "a meeting's attendees"), asks: await allRows(AskRaised, asksRaised(trx, id), "a meeting's asks") } };
    }
    await replaceAttendees(trx, id, input.attendee_ids);
    await replaceAsks(trx, id, input.ask_ids);
    const changes = changedFields(snapshot(before, oldAttendees, oldAsks), snapshot(saved, input.attendee_ids, input.ask_ids));
    await recordAudit(trx, { user_id: user.id, action: 'update', entity: 'meeting', entity_id: id, changes });
    // Read for the confirmation before committing: once committed, nothing may fail the answer.
    return { ok: true, meeting: saved, followUps: 0, details: (await findMeetingDetails(trx, id))! };
  });
}

/** A soft delete: the meeting disappears from lists and counts, and a coordinator can restore it. */
export async function deleteMeeting(db: Db, user: SessionUser, id: number): Promise<void> {
  await db.transaction(async (trx) => {
    await meetingFor(trx, user, id, 'change');
    const row = await setDeleted(trx, id, user.id);
    await recordAudit(trx, { user_id: user.id, action: 'delete', entity: 'meeting', entity_id: id,
      changes: { deleted_at: { from: null, to: row!.deleted_at } } });
  });
}

export async function restoreMeeting(db: Db, user: SessionUser, id: number): Promise<void> {
  await db.transaction(async (trx) => {
    const before = await meetingFor(trx, user, id, 'restore');
    if (!before.deleted_at) return;
    await setDeleted(trx, id, null);
    await recordAudit(trx, { user_id: user.id, action: 'restore', entity: 'meeting', entity_id: id,
      changes: { deleted_at: { from: before.deleted_at, to: null } } });
  });
}
