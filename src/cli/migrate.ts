import { loadConfig } from '../config';
import { openDatabase, migrateLatest } from '../db';
import { runCli } from './run-cli';

/** npm run db:migrate — applies every pending migration, on DATABASE_URL or the embedded database. */
runCli(async () => {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const applied = await migrateLatest(database.knex);
    console.log(applied.length ? `Applied ${applied.length} migration(s) to ${database.description}:\n  ${applied.join('\n  ')}` : `Already up to date: ${database.description}.`);
  } finally {
    await database.close();
  }
});
