import type { Knex } from 'knex';

export const MEETINGS = 200_000;

/**
 * A campaign's worth of data in bulk SQL (no row-by-row inserts): locals, members, MPs and
 * senators, asks, 200,000 meetings with the text a real export carries (accents, em dashes, quotes,
 * commas), asks raised, attendees and follow-ups. Ids start at 1 in the fresh database.
 */
export async function fillDatabase(db: Knex, coordinator: { email: string; passwordHash: string }) {
  await db.raw(`INSERT INTO locals (name, province)
    SELECT 'Section locale ' || g || ' — Région', (ARRAY['ON','QC','BC','AB','NS'])[1 + g % 5] FROM generate_series(1, 50) g`);
  await db.raw(`INSERT INTO users (email, name, password_hash, role, local_id)
    SELECT 'member' || g || '@example.org', 'Zoë "Zed" Bélanger ' || g, 'not-a-hash', 'member', 1 + g % 50 FROM generate_series(1, 500) g`);
  await db('users').insert({ email: coordinator.email, name: 'Bench Coordinator', password_hash: coordinator.passwordHash, role: 'coordinator' });
  await db.raw(`INSERT INTO officials (level, jurisdiction, honorific, first_name, last_name, constituency, constituency_key, province, party, start_date)
    SELECT CASE WHEN g <= 343 THEN 'federal' ELSE 'senate' END, 'ca', CASE WHEN g % 7 = 0 THEN 'Hon.' END, 'Marie-Ève', 'Côté-' || g,
      'Châteauguay—Lacolle ' || g, 'chateauguay-lacolle ' || g, (ARRAY['ON','QC','BC','AB','NS'])[1 + g % 5],
      (ARRAY['Liberal','Conservative','NDP','Bloc Québécois','Green'])[1 + g % 5], date '2021-09-20'
    FROM generate_series(1, 443) g`);
  await db.raw(`INSERT INTO campaigns (name, ask, is_default) VALUES ('Stable funding, "now"', 'Multi-year funding', true)`);
  await db.raw(`INSERT INTO campaign_asks (campaign_id, position, text)
    VALUES (1, 0, 'Multi-year funding'), (1, 1, 'Index to inflation'), (1, 2, 'Core funding, not projects')`);
  await db.raw(`INSERT INTO meetings (campaign_id, official_id, logged_by, local_id, status, held_on, format, stance,
      commitment_kinds, commitments, notes, other_attendees, created_at, updated_at)
    SELECT 1, 1 + g % 443, 1 + g % 500, 1 + g % 50,
      (ARRAY['requested','scheduled','held','held','held','cancelled','declined'])[1 + g % 7], date '2024-01-01' + g % 900,
      (ARRAY['in_person','constituency_office','virtual','phone','event'])[1 + g % 5],
      (ARRAY['champion','supportive','undecided','opposed',NULL])[1 + g % 5],
      CASE WHEN g % 3 = 0 THEN '{caucus,meet_again}'::text[] ELSE '{}'::text[] END,
      CASE WHEN g % 2 = 0 THEN 'Will raise it at caucus, "soon"' END,
      CASE WHEN g % 4 = 0 THEN E'Notes, with commas and "quotes"\\nand a line break' END,
      CASE WHEN g % 5 = 0 THEN 'Lucie Tremblay' END, now(), now()
    FROM generate_series(1, ${MEETINGS}) g`);
  await db.raw('INSERT INTO meeting_asks (meeting_id, ask_id) SELECT m.id, a.id FROM meetings m JOIN campaign_asks a ON a.position <= m.id % 3');
  await db.raw('INSERT INTO meeting_attendees (meeting_id, user_id) SELECT id, logged_by FROM meetings');
  await db.raw(`INSERT INTO follow_ups (meeting_id, description, due_on, done_at)
    SELECT id, 'Send the brief — budget table', held_on + 14, CASE WHEN id % 2 = 0 THEN now() END FROM meetings WHERE id % 3 = 0`);
  await db.raw('ANALYZE');
}
