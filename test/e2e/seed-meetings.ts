/**
 * Seeds a data folder for the meetings end-to-end test: `tsx test/e2e/seed-meetings.ts DIR`. Run as
 * its own process because the embedded database cannot start inside jest's module sandbox.
 */
import path from 'node:path';
import { migrateLatest, openEmbedded } from '../../src/db';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';

async function seed(dir: string) {
  const db = await openEmbedded({ dataDir: path.join(dir, 'pgdata') });
  await migrateLatest(db.knex);
  const local = await createLocal(db.knex, { name: 'Local 79' });
  await createUser(db.knex, 'member', { email: 'mona@example.org', name: 'Mona Member', local_id: local.id });
  await createUser(db.knex, 'coordinator', { email: 'coco@example.org', name: 'Coco Coordinator' });
  await createOfficial(db.knex, { honorific: 'Hon.', first_name: 'Brenda', last_name: 'Shanahan', constituency: 'Châteauguay—Lacolle',
    constituency_key: 'chateauguay lacolle', search_text: 'brenda shanahan chateauguay lacolle', province: 'QC' });
  await createOfficial(db.knex, { first_name: 'Otto', last_name: 'Other', constituency: 'Ottawa Centre', search_text: 'otto other ottawa centre' });
  await createCampaign(db.knex, { name: 'Fund community services', is_default: true }, ['Targeted, stable funding']);
  await db.close();
}

seed(process.argv[2]).catch((err) => {
  console.error(err);
  process.exit(1);
});
