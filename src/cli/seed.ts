import { isProduction, loadConfig } from '../config';
import { openDatabase, migrateLatest } from '../db';
import { runSeeds } from './seed-runner';
import { CliError, runCli } from './run-cli';

/** npm run db:seed — demo data for a first look. Never in production; safe to run again. */
runCli(async () => {
  if (isProduction()) {
    throw new CliError('Refusing to seed: NODE_ENV is production. Demo data and its printed passwords do not belong in a production database.');
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrateLatest(database.knex);
    const { added, lines } = await runSeeds(database.knex);
    console.log(added ? `Seeded ${database.description}:` : `Already seeded: ${database.description} has all the demo data.`);
    for (const line of lines) console.log(`  ${line}`);
  } finally {
    await database.close();
  }
});
