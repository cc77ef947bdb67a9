import { COMMITMENT_KINDS, LEVELS, MEETING_FORMATS, MEETING_STATUSES, PROVINCES, STANCES } from './vocab';

/**
 * The database holds the same words as the module: a CHECK constraint on every column that stores
 * one of its codes, built from the lists in vocab.ts. A migration that changes a list runs
 * vocabularyChecks() again (see migrations/20261204000000_rebuild_vocabulary_checks.ts), so the
 * constraints never drift from what validation accepts; test/vocab/constraints.test.ts compares them.
 */
export interface VocabularyCheck {
  table: string;
  column: string;
  /** The constraint's name (the ones the first migrations gave, kept). */
  name: string;
  codes: readonly string[];
  /** A text[] column: each element is one of the codes. */
  array?: boolean;
  /**
   * What becomes of a stored value the codes do not hold before the constraint is added: a province
   * is upper-cased (a code typed in lower case), then, like an import batch's level, cleared (the
   * column is optional); a commitment the list lacks is dropped from the array. A column with none
   * was already checked against the same codes, and a value outside them stops the migration.
   */
  repair?: 'province' | 'clear' | 'drop';
}

export const VOCABULARY_CHECKS: readonly VocabularyCheck[] = [
  { table: 'meetings', column: 'status', name: 'meetings_status_check', codes: MEETING_STATUSES },
  { table: 'meetings', column: 'format', name: 'meetings_format_check', codes: MEETING_FORMATS },
  { table: 'meetings', column: 'stance', name: 'meetings_stance_check', codes: STANCES },
  { table: 'meetings', column: 'commitment_kinds', name: 'meetings_commitment_kinds_check', codes: COMMITMENT_KINDS, array: true, repair: 'drop' },
  { table: 'officials', column: 'level', name: 'officials_level_check', codes: LEVELS },
  { table: 'officials', column: 'province', name: 'officials_province_check', codes: PROVINCES, repair: 'province' },
  { table: 'vacancies', column: 'level', name: 'vacancies_level_check', codes: LEVELS },
  { table: 'locals', column: 'province', name: 'locals_province_check', codes: PROVINCES, repair: 'province' },
  { table: 'import_batches', column: 'level', name: 'import_batches_level_check', codes: LEVELS, repair: 'clear' },
  // Copies the meetings' triggers keep (dashboard tallies): checked too, so that a retired code cannot linger there.
  { table: 'meeting_counts', column: 'status', name: 'meeting_counts_status_check', codes: MEETING_STATUSES },
  { table: 'official_tallies', column: 'stance', name: 'official_tallies_stance_check', codes: STANCES },
  { table: 'official_tallies', column: 'last_status', name: 'official_tallies_last_status_check', codes: MEETING_STATUSES },
];

/** The codes as an SQL list of literals. They are the module's own identifiers: anything else is refused here. */
function literals(codes: readonly string[]): string {
  for (const code of codes) if (!/^[A-Za-z_]+$/.test(code)) throw new Error(`Not a code: ${code}`);
  return codes.map((code) => `'${code}'`).join(', ');
}

/** The CHECK's condition (NULL passes, as in any CHECK: NOT NULL says whether a value is required). */
export function checkCondition(c: VocabularyCheck): string {
  return c.array ? `${c.column} <@ ARRAY[${literals(c.codes)}]::text[]` : `${c.column} IN (${literals(c.codes)})`;
}

function repairs(c: VocabularyCheck): string[] {
  const list = literals(c.codes);
  switch (c.repair) {
    case 'province':
      return [
        `UPDATE ${c.table} SET ${c.column} = upper(btrim(${c.column})) WHERE ${c.column} NOT IN (${list}) AND upper(btrim(${c.column})) IN (${list})`,
        `UPDATE ${c.table} SET ${c.column} = NULL WHERE ${c.column} NOT IN (${list})`,
      ];
    case 'clear':
      return [`UPDATE ${c.table} SET ${c.column} = NULL WHERE ${c.column} NOT IN (${list})`];
    case 'drop':
      return [`UPDATE ${c.table} SET ${c.column} = ARRAY(SELECT k FROM unnest(${c.column}) k WHERE k IN (${list})) WHERE NOT (${checkCondition(c)})`];
    default:
      return [];
  }
}

/** The statements that (re)build every check from the module's codes, keeping the stored rows valid. */
export function vocabularyChecks(): string[] {
  return VOCABULARY_CHECKS.flatMap((c) => [
    `ALTER TABLE ${c.table} DROP CONSTRAINT IF EXISTS ${c.name}`,
    ...repairs(c),
    `ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} CHECK (${checkCondition(c)})`,
  ]);
}
