import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import pg from 'pg';
import { z } from 'zod';
import type { PGlite } from '@electric-sql/pglite';
import { DEFAULT_DB_TIMEOUTS, type Config, type DbTimeouts } from '../config';
import { PgClient } from './pg-client';
import { readinessCheck } from './readiness';
import { takeLock } from './embedded-lock';
import { guardEngine, EmbeddedDatabaseDied } from './embedded-fatal';
import { allRows, parseAs, rawRows } from './rows';

export { DatabaseLockedError } from './embedded-lock';

/** The handle every data function takes first: the Knex instance or a transaction on it. */
export type Db = Knex | Knex.Transaction;

export interface Database {
  knex: Knex;
  kind: 'postgres' | 'embedded';
  /** Where the data lives, for the start-up log (never includes a password). */
  description: string;
  close: () => Promise<void>;
  /** For /readyz: whether the database answers, known within about a second (see readinessCheck). */
  ready: () => Promise<boolean>;
  /**
   * PostgreSQL only, at a shutdown's deadline: ends the server sessions of the connections in use, so
   * that nothing they were doing commits, even a transaction between two statements.
   */
  terminateInUse?(): Promise<void>;
  /** Embedded only: the data folder as a gzipped tarball (the tests' migrated snapshot). */
  dumpDataDir?(): Promise<Blob>;
  /** Embedded only: settles when the engine has died (a PANIC, e.g. a full disk) and can serve nothing more. */
  fatal?: Promise<EmbeddedDatabaseDied>;
}

// A DATE is a calendar day, not an instant: keep it as 'YYYY-MM-DD' rather than a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export const MIGRATIONS_DIR = path.join(__dirname, '..', '..', 'migrations');

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolMax'> & Partial<Pick<Config, 'db'>>): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.dbPoolMax, config.db);
  return openEmbedded({ dataDir: path.join(config.dataDir, 'pgdata') });
}

/**
 * Nothing waits without bound: a statement (statement_timeout, lock_timeout, set at connection start
 * so that RESET returns to them), a new connection, a request for one from the pool. Each of these
 * ends in a "try again" page (isDatabaseUnavailable) instead of a request hanging for the length of
 * the fault.
 */
export function openPostgres(url: string, poolMax = 10, timeouts: DbTimeouts = DEFAULT_DB_TIMEOUTS): Database {
  const connection = {
    connectionString: url,
    user: new URL(url).username || 'postgres',
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    statement_timeout: timeouts.statementTimeoutMs,
    lock_timeout: timeouts.lockTimeoutMs,
  };
  const knex = knexFactory({
    client: PgClient as unknown as typeof Knex.Client,
    connection: connection as Knex.PgConnectionConfig,
    pool: { min: 0, max: poolMax },
    acquireConnectionTimeout: timeouts.acquireTimeoutMs,
  });
  // A connection of its own, so that a pool used up by blocked requests does not make /readyz wait.
  const quick = { ...connection, connectionTimeoutMillis: READY_TIMEOUT_MS, statement_timeout: READY_TIMEOUT_MS };
  const u = new URL(url);
  return {
    knex,
    kind: 'postgres',
    description: `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`,
    close: () => knex.destroy(),
    ready: readinessCheck(() => withOwnConnection(quick, (c) => c.query('SELECT 1')), { timeoutMs: READY_TIMEOUT_MS, whenSlow: 'unready' }),
    async terminateInUse() {
      const used = (knex.client as { pool?: { used: { resource: { processID?: number } }[] } }).pool?.used ?? [];
      const pids = used.map((u) => u.resource.processID).filter((pid) => Number.isInteger(pid));
      if (pids.length) await withOwnConnection(quick, (c) => c.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]));
    },
  };
}

/** How long /readyz waits for the database before answering without it. */
const READY_TIMEOUT_MS = 1000;

async function withOwnConnection<T>(settings: pg.ClientConfig, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(settings);
  client.on('error', () => undefined); // reported by the query that fails
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface EmbeddedOptions {
  /** A folder for the data; omitted, the database lives in memory (tests). */
  dataDir?: string;
  /** A tarball made by PGlite's dumpDataDir, loaded into a fresh in-memory database (tests). */
  loadDataDir?: Blob;
}

/**
 * PGlite (PostgreSQL compiled to WebAssembly) served on a loopback port, so that the app talks to it
 * through the same `pg` driver and SQL as to a real server. PGlite has one connection: the pool is
 * exactly one, and every query must use the handle it is given.
 */
export async function openEmbedded(options: EmbeddedOptions = {}): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const releaseLock = options.dataDir ? takeLock(options.dataDir) : () => undefined;
  let pglite: PGlite;
  try {
    fs.mkdirSync(options.dataDir ?? '.', { recursive: true });
    pglite = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  } catch (err) {
    releaseLock();
    throw err;
  }
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 1 });
  let died!: (err: EmbeddedDatabaseDied) => void;
  const fatal = new Promise<EmbeddedDatabaseDied>((resolve) => { died = resolve; });
  // After the PANIC's error has reached its client, drop the connection: the queries waiting behind
  // it fail at once (the "try again" page) instead of waiting for an engine that will never answer.
  const guard = guardEngine(pglite, (err) => {
    setTimeout(() => void server.stop().finally(() => died(err)), 50);
  });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  // No timeouts here: PGlite ignores them (its engine runs on this thread, where no timer can stop a
  // statement), and with its one connection, waiting for it is the normal case.
  const knex = knexFactory({
    client: PgClient as unknown as typeof Knex.Client,
    connection: { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' },
    pool: { min: 1, max: 1 },
  });
  return {
    knex,
    kind: 'embedded',
    description: options.dataDir ? `embedded PostgreSQL in ${options.dataDir}` : 'embedded PostgreSQL in memory',
    dumpDataDir: () => pglite.dumpDataDir('gzip'),
    // Its one connection may be busy for a while (an import): meanwhile, the state it was last in.
    ready: readinessCheck(() => knex.raw('SELECT 1'), { timeoutMs: READY_TIMEOUT_MS, whenSlow: 'last-known' }),
    fatal,
    async close() {
      await knex.destroy();
      await server.stop();
      const death = guard.death();
      if (!death) await pglite.close(); // a dead engine would hang; its files recover at the next start
      releaseLock();
      if (death) throw death;
    },
  };
}

/**
 * Every migration is recorded under its source name (`….ts`), whether it runs from the sources (tsx)
 * or from the compiled build (`….js`): otherwise a database migrated by `npm start` or db:migrate is
 * refused by `npm run start:prod` ("the migration directory is corrupt"), and the other way round.
 */
const migrationSource: Knex.MigrationSource<string> = {
  getMigrations() {
    return Promise.resolve(fs.readdirSync(MIGRATIONS_DIR).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort());
  },
  getMigrationName: (file) => file.replace(/\.js$/, '.ts'),
  getMigration: async (file) => withoutStatementTimeout(parseAs(MigrationFile, await import(path.join(MIGRATIONS_DIR, file)), `the migration ${file}`)),
};

type Step = (knex: Knex) => PromiseLike<unknown>;
const step = z.custom<Step>((f) => typeof f === 'function', 'a function of the Knex handle');

/** What a migration file exports: `up`, and `down` (which refuses: forward only); anything else Knex reads of it passes as it is. */
const MigrationFile = z.looseObject({ up: step, down: step.optional() });

/**
 * A migration may rewrite a big table: it runs without the pages' statement timeout (SET LOCAL, in
 * the migration's own transaction), though still with the lock timeout, so that it gives up rather
 * than queue every request behind its lock.
 */
function withoutStatementTimeout(migration: z.output<typeof MigrationFile>): Knex.Migration {
  return {
    ...migration,
    async up(knex) {
      if (knex.isTransaction) await knex.raw('SET LOCAL statement_timeout = 0');
      return migration.up(knex);
    },
  };
}

export async function migrateLatest(knex: Knex): Promise<string[]> {
  if (await upToDate(knex)) return [];
  const [, applied] = parseAs(z.tuple([z.number(), z.array(z.string())]), await knex.migrate.latest({ migrationSource }), 'the migrations applied');
  return applied;
}

/**
 * Whether the database has run exactly the migrations in the folder: the usual case at start, which
 * two queries answer where Knex's migrator runs a dozen, its catalogue look-ups alone taking most
 * of a second on a freshly opened embedded database. Anything else (a new migration, an empty
 * database, one migrated by another version) goes to the migrator, which applies or refuses.
 */
async function upToDate(knex: Knex): Promise<boolean> {
  const [{ present }] = await rawRows(z.object({ present: z.boolean() }), knex.raw(`SELECT to_regclass('knex_migrations') IS NOT NULL AS present`), 'the migrations table');
  if (!present) return false;
  const done = new Set(await allRows(z.string(), knex('knex_migrations').pluck('name'), 'the migrations run'));
  const files = (await migrationSource.getMigrations([])).map((file) => migrationSource.getMigrationName(file));
  return files.length === done.size && files.every((name) => done.has(name));
}
