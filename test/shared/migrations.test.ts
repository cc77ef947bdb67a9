import fs from 'node:fs';
import { openEmbedded, migrateLatest, MIGRATIONS_DIR, Database } from '../../src/db';

// A database of its own: these tests forge the record of which migrations ran.
let database: Database;
beforeAll(async () => { database = await openEmbedded(); });
afterAll(async () => { await database.close(); });

const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.ts')).sort();
const recorded = () => database.knex('knex_migrations').orderBy('id').pluck('name');

test('an empty database gets every migration, then a start with nothing new applies nothing', async () => {
  expect(await migrateLatest(database.knex)).toEqual(files);
  expect(await migrateLatest(database.knex)).toEqual([]);
  expect(await recorded()).toEqual(files);
});

test('a database missing the record of a migration is not taken as up to date: that migration is run', async () => {
  const [first] = files;
  await database.knex('knex_migrations').where({ name: first }).del();
  // Its tables are all there, so running it again fails: what matters is that it was attempted.
  await expect(migrateLatest(database.knex)).rejects.toThrow(/already exists/);
  await database.knex('knex_migrations').insert({ name: first, batch: 1, migration_time: new Date() });
});

test('a database migrated by a newer version (a migration this one does not have) is refused', async () => {
  await database.knex('knex_migrations').insert({ name: '20991231000000_from_a_newer_version.ts', batch: 2, migration_time: new Date() });
  await expect(migrateLatest(database.knex)).rejects.toThrow(/corrupt/);
  await database.knex('knex_migrations').where({ name: '20991231000000_from_a_newer_version.ts' }).del();
  expect(await migrateLatest(database.knex)).toEqual([]);
});
