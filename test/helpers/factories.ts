import type { Knex } from 'knex';
import { hashPassword } from '../../src/auth/passwords';
import { insertUser } from '../../src/auth/users.repo';
import type { Role, SessionUser } from '../../src/shared/types';

export const PASSWORD = 'correct horse battery staple';

let hashed: Promise<string> | undefined;
let counter = 0;
const unique = () => `${process.pid}-${++counter}`;

export async function createLocal(db: Knex, fields: Partial<{ name: string; province: string; union_name: string }> = {}) {
  const [local] = await db('locals').insert({ name: `Local ${unique()}`, province: 'ON', ...fields }).returning('*');
  return local as { id: number; name: string; province: string };
}

/** A user whose password is PASSWORD (hashed once per file: argon2 is slow on purpose). */
export async function createUser(db: Knex, role: Role = 'member', fields: Partial<{ email: string; name: string; local_id: number | null; active: boolean }> = {}): Promise<SessionUser> {
  hashed ??= hashPassword(PASSWORD);
  const n = unique();
  const user = await insertUser(db, {
    email: fields.email ?? `${role}-${n}@example.org`,
    name: fields.name ?? `${role[0].toUpperCase()}${role.slice(1)} ${n}`,
    role,
    local_id: fields.local_id ?? null,
    password_hash: await hashed,
  });
  if (fields.active === false) await db('users').where({ id: user.id }).update({ active: false });
  return user;
}

export interface OfficialFields {
  level: string; jurisdiction: string; honorific: string | null; first_name: string; last_name: string;
  constituency: string; constituency_fr: string | null; constituency_key: string; search_text: string;
  province: string; party: string; start_date: string | null; end_date: string | null;
}

export async function createOfficial(db: Knex, fields: Partial<OfficialFields> = {}) {
  const n = unique();
  const constituency = fields.constituency ?? `Riding ${n}`;
  const [official] = await db('officials').insert({
    level: 'federal', jurisdiction: 'ca', first_name: 'Pat', last_name: `Member ${n}`,
    constituency, constituency_key: constituency.toLowerCase(), province: 'ON', party: 'Liberal',
    search_text: `pat member ${n} ${constituency}`.toLowerCase(), start_date: '2021-09-20', ...fields,
  }).returning('*');
  return official;
}

type CampaignFields = { name: string; name_fr: string; ask: string; ask_fr: string; active: boolean; is_default: boolean; starts_on: string; ends_on: string;
  goal: number | string; goal_fr: string; goal_date: string };

/** A campaign (active unless told otherwise) with its asks, in the order given (an ask in English, or in both languages). */
export async function createCampaign(db: Knex, fields: Partial<CampaignFields> = {}, asks: (string | { text: string; text_fr: string })[] = []) {
  const [campaign] = await db('campaigns').insert({ name: 'Fund community services', active: true, ...fields }).returning('*');
  const rows = asks.length
    ? await db('campaign_asks').insert(asks.map((ask, position) => ({ campaign_id: campaign.id, ...(typeof ask === 'string' ? { text: ask } : ask), position }))).returning('*')
    : [];
  return { ...(campaign as { id: number; name: string }), asks: rows as { id: number; text: string; text_fr: string }[] };
}

export interface MeetingFields {
  official_id: number;
  campaign_id: number | null;
  local_id: number | null;
  logged_by: number | null;
  status: string;
  held_on: string;
  format: string | null;
  location: string | null;
  stance: string | null;
  commitment_kinds: string[];
  commitments: string | null;
  notes: string | null;
  other_attendees: string | null;
  deleted_at: Date | string | null;
  deleted_by: number | null;
  created_at: string;
  ask_ids: number[];
  attendee_ids: number[];
}

/** A meeting row inserted directly (held, in person, on 2026-03-10 unless told), with its asks and attendees. */
export async function createMeeting(db: Knex, fields: Partial<MeetingFields> & { official_id: number }) {
  const { ask_ids = [], attendee_ids = [], ...row } = fields;
  const [meeting] = await db('meetings').insert({ status: 'held', held_on: '2026-03-10', format: 'in_person', ...row }).returning('*');
  if (ask_ids.length) await db('meeting_asks').insert(ask_ids.map((ask_id) => ({ meeting_id: meeting.id, ask_id })));
  if (attendee_ids.length) await db('meeting_attendees').insert(attendee_ids.map((user_id) => ({ meeting_id: meeting.id, user_id })));
  return meeting;
}
