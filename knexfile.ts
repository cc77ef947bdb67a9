import type { Knex } from 'knex';
import { loadConfig } from './src/config';
import { MIGRATIONS_DIR } from './src/db';

/**
 * For the knex command line against a real PostgreSQL (DATABASE_URL). The app itself migrates on
 * start through the same config; the embedded database is reached through `npm run db:migrate`.
 */
const config = loadConfig();

const knexConfig: Knex.Config = {
  client: 'pg',
  connection: config.databaseUrl,
  migrations: { directory: MIGRATIONS_DIR, loadExtensions: ['.ts'] },
  // Demo data: `npm run db:seed` (src/cli/seed.ts), whose seeds take a context the knex CLI does not pass.
};

export default knexConfig;
