import type { Express } from 'express';
import type { Knex } from 'knex';
import { createApp } from '../../src/app';
import { loadConfig, Config } from '../../src/config';
import { withSessionSecret } from '../../src/auth/session-secret';
import type { Database } from '../../src/db';
import { openTestDatabase } from './db';

export interface TestApp {
  app: Express;
  db: Knex;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...withSessionSecret(loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'test-secret-that-is-long-enough-0123456789', LOG_LEVEL: 'silent' })), ...overrides };
}

/** The real app on a clean database of this file's own. Call close() in afterAll. */
export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const config = testConfig(overrides);
  const app = createApp({ db: database.knex, config });
  return { app, db: database.knex, database, config, close: () => database.close() };
}
