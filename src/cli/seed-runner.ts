import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Seed, SeedContext } from '../../seeds/context';

// seeds/ next to src/: the TypeScript sources under tsx, dist/seeds in a compiled build.
export const SEEDS_DIR = path.join(__dirname, '..', '..', 'seeds');

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
