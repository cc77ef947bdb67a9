import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Db } from '../db';

// seeds/ next to src/: the TypeScript sources under tsx, dist/seeds in a compiled build.
export const SEEDS_DIR = path.join(__dirname, '..', '..', 'seeds');

/** What a seed file can tell the person running `npm run db:seed`. */
export interface SeedContext {
  /** A line to print once everything is saved (e.g. a generated password). */
  say(line: string): void;
  /** How many rows this seed added: a run that adds nothing says the database was already seeded. */
  added(count: number): void;
}

/**
 * A seed file in seeds/ is named NN_what.ts and exports `seed(db, ctx)`. Each one adds only what is
 * missing (look rows up by a natural key such as a name or an email), so that running the seeds
 * again tops the demo data up instead of duplicating it. Later seeds may rely on earlier ones.
 */
export type Seed = (db: Db, ctx: SeedContext) => Promise<void>;

export function seedFiles(dir = SEEDS_DIR): string[] {
  return fs.readdirSync(dir).filter((f) => /^\d+_[\w-]+\.(ts|js)$/.test(f)).sort().map((f) => path.join(dir, f));
}

/** Runs every seed in one transaction; the lines they said are returned only if all of them succeeded. */
export async function runSeeds(knex: Knex, files = seedFiles()): Promise<{ added: number; lines: string[] }> {
  const lines: string[] = [];
  let added = 0;
  const ctx: SeedContext = { say: (line) => lines.push(line), added: (count) => { added += count; } };
  await knex.transaction(async (trx) => {
    for (const file of files) {
      const { seed } = (await import(file)) as { seed: Seed };
      await seed(trx, ctx);
    }
  });
  return { added, lines };
}
