import { isoDate, text, today } from '../../shared/validation';
import type { IdentityCase, PlanChoices } from './plan';

/** The earliest date an official can have been ended: the first Parliament. */
const FIRST_DAY = '1867-07-01';

/** A date in the file's name ("mps-2025-10-01.csv"): the list's own date, where it has one. */
export function listDate(fileName: string): string | undefined {
  const m = /(\d{4})-(\d{2})-(\d{2})/.exec(fileName.slice(0, 255));
  const date = m ? isoDate(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
  return date && date >= FIRST_DAY && date <= today() ? date : undefined;
}

export type ChoicesResult = { ok: true; value: PlanChoices } | { ok: false; errors: Record<string, string> };

/**
 * The confirm form's choices, checked against the stored plan: `case_<line>` is `same` or
 * `different` for a case the preview listed (absent: the rules' own choice), and `ended_on` a day
 * between the first Parliament and today (absent: the preview's default).
 */
export function parseChoices(cases: IdentityCase[], endedOnDefault: string, body: Record<string, unknown> | undefined): ChoicesResult {
  const errors: Record<string, string> = {};
  const flips: number[] = [];
  for (const c of cases) {
    const value = text(body?.[`case_${c.line}`]);
    if (!value) continue;
    if (value !== 'same' && value !== 'different') errors[`case_${c.line}`] = 'officials:cases.badChoice';
    else if ((value === 'same') !== c.same) flips.push(c.line);
  }
  const given = text(body?.ended_on);
  const endedOn = given ? isoDate(given) : endedOnDefault;
  if (!endedOn || endedOn < FIRST_DAY || endedOn > today()) errors.ended_on = 'officials:cases.badEndedOn';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { flips, endedOn: endedOn! } };
}

export interface BodyChoices {
  /** The keys of the bodies to import. */
  bodies: string[];
  /** The keys of the bodies whose list the coordinator declares complete. */
  complete: string[];
}

const many = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => text(v));

/**
 * The confirm form's bodies: a file of several bodies has a box per body (`bodies`, ticked to
 * import it; `bodies_shown` says the boxes were on the form, so that none ticked is none) and a
 * "complete list" box per body (`complete_body`). `complete` = 1 declares every body's list complete.
 */
export function parseBodyChoices(keys: string[], body: Record<string, unknown> | undefined): { ok: true; value: BodyChoices } | { ok: false; errors: Record<string, string> } {
  const ticked = new Set(many(body?.bodies));
  const bodies = text(body?.bodies_shown) === '1' ? keys.filter((k) => ticked.has(k)) : keys;
  if (!bodies.length) return { ok: false, errors: { bodies: 'officials:bodyChoice.noneChosen' } };
  const declared = new Set(many(body?.complete_body));
  const complete = text(body?.complete) === '1' ? bodies : bodies.filter((k) => declared.has(k));
  return { ok: true, value: { bodies, complete } };
}
