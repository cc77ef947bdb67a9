import type { Knex } from 'knex';

/**
 * An official's page lists the latest commitments they made. Where the latest meetings recorded
 * none, walking all of the official's meetings newest first read thousands (3,944 for the most-met
 * MP, 2 ms) to find 20; this index holds only the meetings with a commitment. Its condition is the
 * query's (official-history.repo.ts commitmentsRecorded), so that the planner can use it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX meetings_official_commitments_index ON meetings (official_id, held_on DESC, id DESC)
    WHERE deleted_at IS NULL AND (cardinality(commitment_kinds) > 0 OR coalesce(commitments, '') <> '')`);
}

export { forwardOnly as down } from '../src/shared/forward-only';
