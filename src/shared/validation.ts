import { trimField } from './trim';

/** What a form parser returns: the clean value, or the user's input back with a message key per field. */
export type FormResult<T> =
  | { ok: true; value: T }
  | { ok: false; values: Record<string, unknown>; errors: Record<string, string> };

/**
 * The longest each kind of field may be once trimmed, one number per kind for every form. A field
 * over its limit is refused with a message and never reaches a regular expression, the database or
 * a page at its full size (see text()).
 */
export const MAX_LENGTH = {
  /** RFC 5321's limit on a forward path. */
  email: 254,
  /** A person's, a local's, a union's or a campaign's name; a search. */
  name: 200,
  /** One line of free text: a location, a goal, one ask, a follow-up. */
  line: 500,
  /** A paragraph: the campaign's ask, other attendees, commitments. */
  paragraph: 2_000,
  notes: 10_000,
} as const;

/** The message for a field that holds a NUL byte, which PostgreSQL refuses in text and no keyboard types. */
export const NUL_FIELD = 'shared:fields.nul';

/**
 * A trimmed string from a form field ('' when absent or not a string). Spaces of every kind count.
 * Cut at twice `max`: what was typed a little over the limit is all shown back to be shortened, while
 * a quarter of a megabyte is neither checked nor echoed (the caller's length check still refuses it).
 */
export function text(value: unknown, max: number = MAX_LENGTH.line): string {
  if (typeof value !== 'string') return '';
  const trimmed = trimField(value);
  return trimmed.length > 2 * max ? trimmed.slice(0, 2 * max) : trimmed;
}

/**
 * Refuses, field by field, the NUL bytes in a form's values (strings, lists, rows of strings) with
 * NUL_FIELD, unless the field has a message already, and shows them back as U+FFFD so that the user
 * sees where they were. Row fields are named as the form names them: follow_ups[0][description].
 */
export function refuseNul<V extends object>(values: V, errors: Record<string, string>): V {
  return Object.fromEntries(Object.entries(values).map(([name, v]) => [name, withoutNul(v, name, errors)])) as V;
}

function withoutNul(v: unknown, key: string, errors: Record<string, string>): unknown {
  if (typeof v === 'string') {
    if (!v.includes('\0')) return v;
    errors[key] ??= NUL_FIELD;
    return v.replaceAll('\0', '\ufffd');
  }
  if (Array.isArray(v)) return v.map((item, i) => withoutNul(item, typeof item === 'string' ? key : `${key}[${i}]`, errors));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, withoutNul(item, `${key}[${k}]`, errors)]));
  return v;
}

/** A form field that may be sent once or many times (checkboxes), as an array of strings. */
export function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** A positive integer id from a form or URL, or undefined. */
export function id(value: unknown): number | undefined {
  const s = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  if (!/^\d{1,9}$/.test(s)) return undefined;
  const n = Number(s);
  return n > 0 ? n : undefined;
}

/** A real calendar date written YYYY-MM-DD, or undefined. */
export function isoDate(value: unknown): string | undefined {
  const s = text(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return undefined;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? s : undefined;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export function isEmail(value: string): boolean {
  return value.length <= MAX_LENGTH.email && EMAIL.test(value);
}

// Made once: building an Intl.DateTimeFormat costs more than the rest of a form's validation.
const TORONTO_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' });

/** Today's date in Canada's most populous time zone, as YYYY-MM-DD. */
export function today(): string {
  return TORONTO_DAY.format(new Date());
}
