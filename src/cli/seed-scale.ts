import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase, migrateLatest } from '../db';
import { hashPassword } from '../auth/passwords';
import { seedScale } from '../../seeds/scale';
import { runCli, CliError } from './run-cli';

/**
 * npm run db:seed:scale -- --meetings N
 * Fills the database with national-scale data for benchmarks (every scale user's password is printed).
 */
runCli(async () => {
  const { values } = parseArgs({ options: { meetings: { type: 'string', default: '200000' } } });
  const meetings = Number(values.meetings);
  if (!Number.isInteger(meetings) || meetings < 0 || meetings > 10_000_000) throw new CliError('--meetings takes a whole number from 0 to 10,000,000.');
  const config = loadConfig();
  if (config.env === 'production') throw new CliError('Refusing to fill a production database with benchmark data (NODE_ENV=production).');
  const database = await openDatabase(config);
  try {
    await migrateLatest(database.knex);
    const password = 'scale data password';
    const started = Date.now();
    const counts = await seedScale(database.knex, { meetings, passwordHash: await hashPassword(password) });
    console.log(`Seeded ${database.description} in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
    for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(18)} ${n.toLocaleString('en-CA')}`);
    console.log(`Every scale-N@example.org user (scale-1 is the admin, scale-2..201 coordinators) signs in with "${password}".`);
  } finally {
    await database.close();
  }
});
