/**
 * Seeds a data folder for the print test: `tsx test/e2e/seed-print.ts DIR`. An MP with her contact
 * details and a held meeting with her, with follow-ups and a long note, as printed pages show them; their ids go to DIR/ids.json.
 * Run as its own process because the embedded database cannot start inside jest's module sandbox.
 */
import fs from 'node:fs';
import path from 'node:path';
import { migrateLatest, openEmbedded } from '../../src/db';
import { createCampaign, createLocal, createMeeting, createOfficial, createUser } from '../helpers/factories';

async function seed(dir: string) {
  const db = await openEmbedded({ dataDir: path.join(dir, 'pgdata') });
  await migrateLatest(db.knex);
  const local = await createLocal(db.knex, { name: 'Local 79' });
  const mona = await createUser(db.knex, 'member', { email: 'mona@example.org', name: 'Mona Member', local_id: local.id });
  const campaign = await createCampaign(db.knex, { name: 'Fund community services', is_default: true }, ['Targeted, stable funding']);
  const mp = await createOfficial(db.knex, { honorific: 'Hon.', first_name: 'Brenda', last_name: 'Shanahan', constituency: 'Châteauguay—Lacolle',
    constituency_key: 'chateauguay lacolle', search_text: 'brenda shanahan chateauguay lacolle', province: 'QC' });
  await db.knex('officials').where({ id: mp.id }).update({ email: 'brenda.shanahan@parl.gc.ca', phone: '613-992-8765',
    address: 'House of Commons\nOttawa ON K1A 0A6' });
  const meeting = await createMeeting(db.knex, { official_id: mp.id, campaign_id: campaign.id, local_id: local.id, logged_by: mona.id,
    status: 'held', held_on: '2026-03-10', stance: 'supportive', commitment_kinds: ['caucus'],
    notes: 'She asked for the costing brief and the list of agencies in the riding. '.repeat(6), attendee_ids: [mona.id] });
  await db.knex('follow_ups').insert([
    { meeting_id: meeting.id, description: 'Send the costing brief', due_on: '2026-03-20', assignee_id: mona.id },
    { meeting_id: meeting.id, description: 'Thank her for her time', due_on: null, assignee_id: null },
  ]);
  fs.writeFileSync(path.join(dir, 'ids.json'), JSON.stringify({ meeting: meeting.id, official: mp.id }));
  await db.close();
}

seed(process.argv[2]).catch((err) => {
  console.error(err);
  process.exit(1);
});
