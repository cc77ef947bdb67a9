import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The repository root, so that data/ and views/ resolve the same from src/ and dist/src/. */
export const ROOT_DIR = findRoot(__dirname);

/** Also what openPostgres uses when it is given none (tests, benchmarks). */
export const DEFAULT_DB_TIMEOUTS: DbTimeouts = { statementTimeoutMs: 15_000, lockTimeoutMs: 5_000, connectTimeoutMs: 5_000, acquireTimeoutMs: 5_000 };

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default(path.join(ROOT_DIR, 'data', 'local')),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  TRUST_PROXY: z.string().optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(20_000),
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(1).default(DEFAULT_DB_TIMEOUTS.statementTimeoutMs),
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(1).default(DEFAULT_DB_TIMEOUTS.lockTimeoutMs),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(1).default(DEFAULT_DB_TIMEOUTS.connectTimeoutMs),
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(1).default(DEFAULT_DB_TIMEOUTS.acquireTimeoutMs),
  EXPORT_MAX_CONCURRENT: z.coerce.number().int().min(1).max(100).default(4),
  EXPORT_MAX_PER_USER: z.coerce.number().int().min(1).max(100).default(2),
  EXPORT_STALL_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
});

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  sessionSecret: string;
  /** Express's "trust proxy" setting: false, a hop count, or a list of addresses. */
  trustProxy: boolean | number | string;
  dbPoolMax: number;
  logLevel: string;
  shutdownTimeoutMs: number;
  /** CSV exports streaming at once on this instance (also kept below the pool size: see export-slots.ts). */
  exportMaxConcurrent: number;
  exportMaxPerUser: number;
  /** How long an export may wait for a client that does not read before it is cut off. */
  exportStallTimeoutMs: number;
  /** On SIGTERM, how long /readyz answers 503 while requests are still served, before draining. */
  shutdownDelayMs: number;
  db: DbTimeouts;
}

/** How long the database may make a request wait, at each step (see openPostgres). */
export interface DbTimeouts {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  connectTimeoutMs: number;
  acquireTimeoutMs: number;
}

/**
 * The configuration as the environment gives it. Without SESSION_SECRET (development and tests only:
 * production requires it) the server generates one at start (auth/session-secret.ts).
 */
export type EnvironmentConfig = Omit<Config, 'sessionSecret'> & { sessionSecret?: string };

export class ConfigError extends Error {}

/**
 * Reads and validates the environment once, and writes nothing. Fails fast with one line per problem,
 * so that a misconfigured instance never starts half-working.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): EnvironmentConfig {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET is required in production (at least 32 random characters).');
  }
  // At the shutdown deadline the database sessions in use are ended: a page's statement must end first.
  if (e.DB_STATEMENT_TIMEOUT_MS >= e.SHUTDOWN_TIMEOUT_MS) {
    throw new ConfigError(`DB_STATEMENT_TIMEOUT_MS (${e.DB_STATEMENT_TIMEOUT_MS}) must be less than SHUTDOWN_TIMEOUT_MS (${e.SHUTDOWN_TIMEOUT_MS}).`);
  }
  if (e.NODE_ENV === 'production' && !e.DATABASE_URL) {
    throw new ConfigError('DATABASE_URL is required in production; the embedded database is for development.');
  }
  if (e.NODE_ENV === 'production' && e.TRUST_PROXY === 'true') {
    // "true" believes X-Forwarded-For from anyone who can reach the instance: any client could then
    // pick its own address (and so its sign-in throttle) or claim HTTPS.
    throw new ConfigError('TRUST_PROXY=true is refused in production: set the number of proxies in front of the tracker (TRUST_PROXY=1 behind one load balancer) or their addresses (TRUST_PROXY=10.0.0.1,10.0.0.2).');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    sessionSecret: e.SESSION_SECRET,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    dbPoolMax: e.DB_POOL_MAX,
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    exportMaxConcurrent: e.EXPORT_MAX_CONCURRENT,
    exportMaxPerUser: e.EXPORT_MAX_PER_USER,
    exportStallTimeoutMs: e.EXPORT_STALL_TIMEOUT_MS,
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
    db: {
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: e.DB_LOCK_TIMEOUT_MS,
      connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
      acquireTimeoutMs: e.DB_ACQUIRE_TIMEOUT_MS,
    },
  };
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/**
 * Whether this process runs in production, for code that must decide before (or without) a full
 * configuration: the seed command refuses early, the catalogues are strict outside production.
 */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/** The password `npm run user:create` takes from USER_PASSWORD instead of asking for it. */
export function passwordFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.USER_PASSWORD;
}
