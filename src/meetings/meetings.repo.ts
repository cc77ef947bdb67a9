import type { Knex } from 'knex';
import { z } from 'zod';
import type { Db } from '../db';
import { timestamp } from '../db/one-statement';
import { prepared } from '../db/prepared';
import { allRows, firstRow, parseAs } from '../db/rows';
import type { FollowUpInput } from './meetings.validate';

const text = z.string().nullable();
const ref = z.number().nullable();

/** The meeting's own columns, as saved (what an update compares and the audit records). */
export const MeetingRow = z.object({
  id: z.number(), campaign_id: ref, official_id: z.number(), logged_by: ref, local_id: ref, status: z.string(), held_on: z.string(),
  format: text, location: text, other_attendees: text, stance: text, commitment_kinds: z.array(z.string()), commitments: text,
  notes: text, version: z.number(), deleted_at: timestamp.nullable(), deleted_by: ref, created_at: timestamp, updated_at: timestamp,
});
export type MeetingRow = z.output<typeof MeetingRow>;

export type MeetingFields = Pick<MeetingRow, 'campaign_id' | 'official_id' | 'status' | 'held_on' | 'format' | 'location'
  | 'other_attendees' | 'stance' | 'commitment_kinds' | 'commitments' | 'notes'>;

/** Saves only if nobody saved since `version` was read; undefined means someone did. */
export function updateMeeting(db: Db, id: number, version: number, fields: MeetingFields & { local_id: number | null }): Promise<MeetingRow | undefined> {
  return firstRow(MeetingRow, db('meetings').where({ id, version }).whereNull('deleted_at')
    .update({ ...fields, version: version + 1, updated_at: db.fn.now() }).returning('*'), 'a saved meeting');
}

export function setDeleted(db: Db, id: number, userId: number | null): Promise<MeetingRow | undefined> {
  return firstRow(MeetingRow, db('meetings').where({ id })
    .update({ deleted_at: userId ? db.fn.now() : null, deleted_by: userId, updated_at: db.fn.now(), version: db.raw('version + 1') })
    .returning('*'), 'a deleted or restored meeting');
}

/** The meeting with the names a page shows (withNames). */
export const MeetingDetails = MeetingRow.extend({
  honorific: text, first_name: z.string(), last_name: z.string(), constituency: z.string(), province: text, party: text,
  campaign_name: text, campaign_name_fr: text, logged_by_name: text, local_name: text,
});
export type MeetingDetails = z.output<typeof MeetingDetails>;

/** The meeting's columns, named (prepared statements must not select `*`: see db/prepared.ts). */
const MEETING_COLUMNS = Object.keys(MeetingRow.shape);

/** Adds the names a page shows to a query of meetings aliased `m`. */
function withNames(q: Knex.QueryBuilder) {
  return q.join('officials as o', 'o.id', 'm.official_id')
    .leftJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .leftJoin('users as u', 'u.id', 'm.logged_by')
    .leftJoin('locals as l', 'l.id', 'm.local_id')
    .select(...MEETING_COLUMNS.map((c) => `m.${c}`), 'o.honorific', 'o.first_name', 'o.last_name', 'o.constituency', 'o.province', 'o.party',
      'c.name as campaign_name', 'c.name_fr as campaign_name_fr', 'u.name as logged_by_name', 'l.name as local_name');
}

/** The meeting with the names a page shows, as a query more columns can be added to. */
export function meetingDetailsQuery(db: Db, id: number) {
  return withNames(db('meetings as m').where('m.id', id));
}

/** What is logged with a new meeting, in the same statement. */
export interface NewMeetingRows {
  attendee_ids: number[];
  ask_ids: number[];
  follow_ups: FollowUpInput[];
  /** The audit event's changes (its user is the logger). */
  audit: Record<string, unknown>;
}

/**
 * Inserts a meeting with its attendees, asks, follow-ups and audit event in one statement (one round
 * trip, atomic without a transaction of its own), and returns it with its names and how many
 * follow-ups were added.
 */
export async function insertMeetingWithRows(db: Db, fields: MeetingFields & { logged_by: number; local_id: number | null }, rows: NewMeetingRows)
  : Promise<MeetingDetails & { follow_ups_added: number }> {
  const columns = Object.keys(fields);
  const list = (placeholder: string) => columns.map(() => placeholder).join(', ');
  const pairs = (ids: number[]) => db.raw('SELECT m.id, x FROM m, unnest(?::int[]) AS x', [ids]);
  const statement = db
    .with('m', db.raw(`INSERT INTO meetings (${list('??')}) VALUES (${list('?')}) RETURNING *`, [...columns, ...Object.values(fields)]))
    .with('new_attendees', db.raw('INSERT INTO meeting_attendees (meeting_id, user_id) ?', [pairs(rows.attendee_ids)]))
    .with('new_asks', db.raw('INSERT INTO meeting_asks (meeting_id, ask_id) ?', [pairs(rows.ask_ids)]))
    .with('new_follow_ups', db.raw(`INSERT INTO follow_ups (meeting_id, created_by, description, due_on, assignee_id)
      SELECT m.id, m.logged_by, f.description, f.due_on, f.assignee_id
      FROM m, json_to_recordset(?::json) AS f(description text, due_on date, assignee_id int) RETURNING id`, [JSON.stringify(rows.follow_ups)]))
    .with('new_audit', db.raw(`INSERT INTO audit_events (user_id, action, entity, entity_id, changes)
      SELECT m.logged_by, 'create', 'meeting', m.id, ?::jsonb FROM m`, [JSON.stringify(rows.audit)]))
    .from('m');
  const row: unknown = await prepared(withNames(statement)).first(db.raw('(SELECT count(*)::int FROM new_follow_ups) AS follow_ups_added'));
  return parseAs(MeetingDetails.extend({ follow_ups_added: z.number() }), row, 'a new meeting');
}

export function findMeetingDetails(db: Db, id: number): Promise<MeetingDetails | undefined> {
  return firstRow(MeetingDetails, meetingDetailsQuery(db, id).first(), 'a meeting with its names');
}

export async function attendeeIds(db: Db, meetingId: number): Promise<number[]> {
  const rows = await allRows(z.object({ user_id: z.number() }),
    db('meeting_attendees').where({ meeting_id: meetingId }).orderBy('user_id').select('user_id'), "a meeting's attendees");
  return rows.map((r) => r.user_id);
}

export async function askIds(db: Db, meetingId: number): Promise<number[]> {
  const rows = await allRows(z.object({ ask_id: z.number() }),
    db('meeting_asks').where({ meeting_id: meetingId }).orderBy('ask_id').select('ask_id'), "a meeting's asks");
  return rows.map((r) => r.ask_id);
}

/** A row of asksRaised() (attendees() gives a Person). */
export const AskRaised = z.object({ id: z.number(), text: z.string(), text_fr: z.string() });

export function attendees(db: Db, meetingId: number) {
  return db('meeting_attendees as a').join('users as u', 'u.id', 'a.user_id')
    .where('a.meeting_id', meetingId).orderBy('u.name').select('u.id', 'u.name');
}

export function asksRaised(db: Db, meetingId: number) {
  return db('meeting_asks as ma').join('campaign_asks as ca', 'ca.id', 'ma.ask_id')
    .where('ma.meeting_id', meetingId).orderBy('ca.position').select('ca.id', 'ca.text', 'ca.text_fr');
}

export async function replaceAttendees(db: Db, meetingId: number, userIds: number[]): Promise<void> {
  await db('meeting_attendees').where({ meeting_id: meetingId }).delete();
  if (userIds.length) await db('meeting_attendees').insert(userIds.map((user_id) => ({ meeting_id: meetingId, user_id })));
}

export async function replaceAsks(db: Db, meetingId: number, ids: number[]): Promise<void> {
  await db('meeting_asks').where({ meeting_id: meetingId }).delete();
  if (ids.length) await db('meeting_asks').insert(ids.map((ask_id) => ({ meeting_id: meetingId, ask_id })));
}

/** Other meetings, not deleted, with the same official on the same day: probably the same meeting. */
/**
 * How many same-day meetings the duplicate notice lists. The rest are only counted: an official met
 * by many locals on one day (a lobby day) would otherwise make the notice as long as the list.
 */
const DUPLICATES_LISTED = 5;

export function sameDayMeetings(db: Db, officialId: number, heldOn: string) {
  return db('meetings as m').leftJoin('users as u', 'u.id', 'm.logged_by')
    .where({ 'm.official_id': officialId, 'm.held_on': heldOn }).whereNull('m.deleted_at')
    .orderBy('m.id').limit(DUPLICATES_LISTED)
    .select('m.id', 'm.local_id', 'm.logged_by', 'm.status', 'u.name as logged_by_name', db.raw('(count(*) OVER ())::int AS total'));
}

/**
 * The audit trail of a meeting and of its follow-ups, newest first: who did what, when. Follow-up
 * events are found through their ids (the audit index), not by searching the JSON.
 */
export function meetingHistory(db: Db, meetingId: number) {
  return db('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .leftJoin('follow_ups as f', (j) => j.on('f.id', 'a.entity_id').andOnVal('a.entity', 'follow_up'))
    .where((w) => w.where({ 'a.entity': 'meeting', 'a.entity_id': meetingId })
      .orWhere((f) => f.where('a.entity', 'follow_up')
        .whereIn('a.entity_id', db('follow_ups').where({ meeting_id: meetingId }).select('id'))))
    .orderBy([{ column: 'a.created_at', order: 'desc' }, { column: 'a.id', order: 'desc' }])
    .select('a.id', 'a.entity', 'a.action', 'a.changes', 'a.created_at', 'u.name as user_name', 'f.description');
}
