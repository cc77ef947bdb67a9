import type { Db } from '../src/db';

// The contract between a seed file and the command that runs them (src/cli/seed-runner.ts): it lives
// here, with the seeds, so that the seeds need nothing from the command line.

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
