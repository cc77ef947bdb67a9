/**
 * What an import reads and writes of an official, shared by the identity rules (identity.ts) and
 * the plan (plan.ts), which uses those rules: kept apart so that neither imports the other.
 */

/** The columns an import writes; the rest of the officials row is the tracker's own. */
export const FIELDS = ['honorific', 'first_name', 'last_name', 'constituency', 'constituency_fr', 'province', 'party', 'email', 'phone', 'address', 'start_date', 'end_date', 'external_id'] as const;
export type Field = (typeof FIELDS)[number];
export type OfficialValues = Record<Field, string | null>;

export interface ExistingOfficial extends OfficialValues {
  id: number;
}

/** How a row matched with less than certainty: rule 3 (renamed), 4 (moved to another seat) or 5 (replaced). */
export type CaseKind = 'renamed' | 'moved' | 'replaced';
