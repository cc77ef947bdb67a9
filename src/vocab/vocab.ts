/**
 * The tracker's words, once: the codes stored for a meeting's status, format, stance and
 * commitments, an official's level, and the provinces and territories. Validation, forms, lists,
 * the dashboard, the exports and the database's check constraints (see constraints.ts) all read
 * them here; their labels live in the `vocab` catalogue (src/vocab/locales), shown through labels.ts.
 * The order of each list is the order the forms and filters offer it in.
 *
 * This folder imports nothing from src/shared or the features: they all import it.
 */

export const MEETING_STATUSES = ['held', 'scheduled', 'requested', 'cancelled', 'declined'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const MEETING_FORMATS = ['in_person', 'constituency_office', 'virtual', 'phone', 'event'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];

/** Where an official stood; no stance is NULL, shown as "Not recorded" (one way to say it, not two). */
export const STANCES = ['champion', 'supportive', 'undecided', 'opposed'] as const;
export type Stance = (typeof STANCES)[number];

/** The common commitments a member ticks on the meeting form (anything else is written out). */
export const COMMITMENT_KINDS = ['caucus', 'minister', 'public', 'meet_again'] as const;
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];

/**
 * The levels of government an official sits at. Campaigns target by level and the officials'
 * directory and import read them.
 */
export const LEVELS = ['federal', 'senate', 'provincial', 'territorial', 'municipal'] as const;
export type Level = (typeof LEVELS)[number];

/** Provinces and territories by their postal abbreviation, as officials and locals store them. */
export const PROVINCES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;
export type Province = (typeof PROVINCES)[number];
export const TERRITORIES: readonly Province[] = ['NT', 'NU', 'YT'];

/** Every coded vocabulary by its name in the catalogue (`vocab:<kind>.<code>`). */
export const VOCABULARY = {
  status: MEETING_STATUSES,
  format: MEETING_FORMATS,
  stance: STANCES,
  commitment: COMMITMENT_KINDS,
  level: LEVELS,
  province: PROVINCES,
} as const;
export type VocabularyKind = keyof typeof VOCABULARY;

/** True when `value` is one of `codes` (and narrows it). */
export function isCode<T extends string>(codes: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (codes as readonly string[]).includes(value);
}
