import type { Knex } from 'knex';
import { z } from 'zod';
import { Count, rawRows } from '../src/db/rows';

/**
 * A national-scale data set for measuring: 338 federal MPs plus provincial members, 200 locals,
 * 50,000 users, 10 campaigns and N meetings with attendees, asks, follow-ups and audit events. Everything is made
 * by set-based SQL (generate_series), so 200,000 meetings take seconds, not minutes.
 * The largest campaign (the first) holds a quarter of the meetings.
 */
export interface ScaleOptions {
  meetings: number;
  users?: number;
  locals?: number;
  passwordHash: string;
}

const PROVINCES = `ARRAY['ON','ON','ON','ON','QC','QC','QC','BC','BC','AB','AB','MB','SK','NS','NB','NL','PE','YT','NT','NU']`;
const PARTIES = `ARRAY['Liberal','Conservative','Bloc Québécois','NDP','Green Party','Independent']`;
const FIRST = `ARRAY['Anne','Marc','Sophie','Jean','Priya','Daniel','Marie','Kevin','Chantal','Omar','Louise','Raj']`;
const LAST = `ARRAY['Tremblay','Smith','Gagnon','Roy','Wilson','Côté','Singh','Bouchard','Martin','Lee','Gauthier','Brown']`;

export async function seedScale(knex: Knex, options: ScaleOptions): Promise<Record<string, number>> {
  const users = options.users ?? 50_000;
  const locals = options.locals ?? 200;
  return knex.transaction(async (trx) => {
    await trx.raw(`INSERT INTO locals (name, union_name, province)
      SELECT 'Scale Local ' || g, 'Scale Union', (${PROVINCES})[1 + g % 20] FROM generate_series(1, ?) g`, [locals]);
    const [{ first_local: firstLocal }] = await rawRows(z.object({ first_local: z.number() }),
      trx.raw(`SELECT min(id) AS first_local FROM locals WHERE name LIKE 'Scale Local %'`), 'the first scale local');

    await insertOfficials(trx, 'federal', 'ca', 338, 1);
    await insertOfficials(trx, 'provincial', 'ca_on', 124, 339);
    await insertOfficials(trx, 'provincial', 'ca_qc', 125, 463);

    await trx.raw(`INSERT INTO users (email, name, password_hash, role, local_id)
      SELECT 'scale-' || g || '@example.org', (${FIRST})[1 + g % 12] || ' ' || (${LAST})[1 + (g / 12) % 12] || ' ' || g, ?,
             CASE WHEN g = 1 THEN 'admin' WHEN g <= 201 THEN 'coordinator' ELSE 'member' END,
             ? + (g % ?)
      FROM generate_series(1, ?) g`, [options.passwordHash, firstLocal, locals, users]);

    await trx.raw(`INSERT INTO campaigns (name, ask, starts_on, ends_on, goal, goal_date, active, is_default)
      SELECT 'Scale campaign ' || g, 'Targeted, stable funding for community services',
             date '2026-01-05' - (g * 40), date '2026-12-18' - (g * 40), 'Meet every sitting MP', date '2026-12-18' - (g * 40),
             g <= 3, false
      FROM generate_series(1, 10) g`);
    await trx.raw(`INSERT INTO campaign_asks (campaign_id, position, text)
      SELECT c.id, p, (ARRAY['Targeted, stable funding for community services','A national standard for wages','Multi-year agreements'])[p]
      FROM campaigns c CROSS JOIN generate_series(1, 3) p WHERE c.name LIKE 'Scale campaign %'`);
    await trx.raw(`INSERT INTO campaign_targets (campaign_id, official_id, claimed_by_local_id, claimed_at)
      SELECT c.id, o.id, CASE WHEN o.id % 3 = 0 THEN ? + (o.id % ?) END, CASE WHEN o.id % 3 = 0 THEN now() END
      FROM campaigns c CROSS JOIN officials o
      WHERE c.name LIKE 'Scale campaign %' AND o.level = 'federal' AND o.end_date IS NULL AND o.source = 'scale'`, [firstLocal, locals]);

    await insertMeetings(trx, options.meetings);
    return counts(trx);
  });
}

async function insertOfficials(trx: Knex.Transaction, level: string, jurisdiction: string, n: number, offset: number) {
  await trx.raw(`INSERT INTO officials (level, jurisdiction, honorific, first_name, last_name, constituency, constituency_key,
      search_text, province, party, start_date, source)
    SELECT ?, ?, NULL, (${FIRST})[1 + g % 12], (${LAST})[1 + (g / 12) % 12] || '-' || g,
           'Scale Riding ' || g || '—Nord', 'scale riding ' || g || ' nord',
           lower((${FIRST})[1 + g % 12] || ' ' || (${LAST})[1 + (g / 12) % 12] || ' ' || g || ' scale riding ' || g || ' nord'),
           CASE WHEN ? = 'ca' THEN (${PROVINCES})[1 + g % 20] WHEN ? = 'ca_on' THEN 'ON' ELSE 'QC' END,
           (${PARTIES})[1 + g % 6], date '2021-09-20', 'scale'
    FROM generate_series(?::int, ?::int) g`, [level, jurisdiction, jurisdiction, jurisdiction, offset, offset + n - 1]);
}

/**
 * Triggers keep the dashboard's counts and tallies, and each follow-up's copy of its meeting's
 * scope, row by row. For a bulk load they are off, and what they keep is computed once at the end
 * (the follow-ups' copies are written with them).
 */
const ROW_TRIGGERS = [['meetings', 'meeting_counts_apply'], ['meetings', 'dashboard_tallies_apply'],
  ['follow_ups', 'follow_ups_meeting_scope'], ['follow_ups', 'follow_up_deltas_apply']];

async function setRowTriggers(trx: Knex.Transaction, on: boolean) {
  for (const [table, trigger] of ROW_TRIGGERS) await trx.raw(`ALTER TABLE ?? ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ??`, [table, trigger]);
}

async function insertMeetings(trx: Knex.Transaction, n: number) {
  await setRowTriggers(trx, false);
  // Meetings are spread over the campaigns (a quarter in the first), the federal MPs, and the members.
  await trx.raw(`
    WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM campaigns WHERE name LIKE 'Scale campaign %'),
         o AS (SELECT array_agg(id ORDER BY id) AS ids FROM officials WHERE source = 'scale' AND level = 'federal'),
         u AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(local_id ORDER BY id) AS locals FROM users WHERE email LIKE 'scale-%')
    INSERT INTO meetings (campaign_id, official_id, logged_by, local_id, status, held_on, format, stance,
                          commitment_kinds, commitments, notes, created_at, updated_at)
    SELECT c.ids[CASE WHEN g % 4 = 0 THEN 1 ELSE 2 + g % 9 END],
           o.ids[1 + (g::bigint * 7919) % array_length(o.ids, 1)],
           u.ids[1 + (g::bigint * 104729) % array_length(u.ids, 1)],
           u.locals[1 + (g::bigint * 104729) % array_length(u.ids, 1)],
           (ARRAY['held','held','held','held','scheduled','requested','cancelled','declined'])[1 + g % 8],
           date '2026-11-01' - ((g::bigint * 37) % 400)::int,
           (ARRAY['in_person','constituency_office','virtual','phone','event'])[1 + g % 5],
           (ARRAY['champion','supportive','supportive','undecided','opposed',NULL])[1 + (g / 8) % 6],
           CASE WHEN g % 3 = 0 THEN ARRAY['caucus'] ELSE '{}'::text[] END,
           CASE WHEN g % 3 = 0 THEN 'Will raise it in caucus' END,
           'Meeting notes ' || g,
           now() - ((g % 400) || ' days')::interval, now() - ((g % 400) || ' days')::interval
    FROM generate_series(1, ?::int) g, c, o, u`, [n]);
  await trx.raw(`INSERT INTO follow_ups (meeting_id, description, due_on, assignee_id, done_at, created_by,
      campaign_id, local_id, official_id, meeting_deleted)
    SELECT m.id, 'Send the briefing note', m.held_on + 14, m.logged_by, CASE WHEN m.id % 3 = 0 THEN now() END, m.logged_by,
      m.campaign_id, m.local_id, m.official_id, false
    FROM meetings m JOIN officials o ON o.id = m.official_id WHERE o.source = 'scale' AND m.id % 2 = 0`);
  await trx.raw(`INSERT INTO meeting_asks (meeting_id, ask_id)
    SELECT m.id, a.id FROM meetings m JOIN campaign_asks a ON a.campaign_id = m.campaign_id AND a.position = 1
    JOIN officials o ON o.id = m.official_id WHERE o.source = 'scale'`);
  // The member who logged a meeting that took place (or will) attended it.
  await trx.raw(`INSERT INTO meeting_attendees (meeting_id, user_id)
    SELECT m.id, m.logged_by FROM meetings m JOIN officials o ON o.id = m.official_id
    WHERE o.source = 'scale' AND m.status IN ('held', 'scheduled')`);
  await trx.raw(`INSERT INTO audit_events (user_id, action, entity, entity_id, changes, created_at)
    SELECT m.logged_by, 'create', 'meeting', m.id, jsonb_build_object('status', m.status), m.created_at
    FROM meetings m JOIN officials o ON o.id = m.official_id WHERE o.source = 'scale'`);
  await setRowTriggers(trx, true);
  await trx.raw(`TRUNCATE meeting_counts`);
  await trx.raw(`INSERT INTO meeting_counts (campaign_id, local_id, held_on, status, meetings)
    SELECT campaign_id, local_id, held_on, status, count(*) FROM meetings
    WHERE deleted_at IS NULL AND campaign_id IS NOT NULL GROUP BY 1, 2, 3, 4`);
  await trx.raw('SELECT rebuild_dashboard_tallies(), rebuild_follow_up_deltas()');
  await trx.raw('ANALYZE');
}

async function counts(trx: Knex.Transaction): Promise<Record<string, number>> {
  const tables = ['locals', 'users', 'officials', 'campaigns', 'campaign_targets', 'meetings', 'follow_ups', 'audit_events'];
  const out: Record<string, number> = {};
  for (const table of tables) {
    const [{ n }] = await rawRows(Count, trx.raw(`SELECT count(*)::int AS n FROM ${table}`), `the count of ${table}`);
    out[table] = n;
  }
  return out;
}
