/** What a form parser returns: the clean value, or the user's input back with a message key per field. */
export type FormResult<T> =
  | { ok: true; value: T }
  | { ok: false; values: Record<string, unknown>; errors: Record<string, string> };

/** A trimmed string from a form field ('' when absent or not a string). Spaces of every kind count. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value.replace(/^[\s\u200b\ufeff]+|[\s\u200b\ufeff]+$/g, '') : '';
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
  return value.length <= 254 && EMAIL.test(value);
}

// Made once: building an Intl.DateTimeFormat costs more than the rest of a form's validation.
const TORONTO_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' });

/** Today's date in Canada's most populous time zone, as YYYY-MM-DD. */
export function today(): string {
  return TORONTO_DAY.format(new Date());
}
