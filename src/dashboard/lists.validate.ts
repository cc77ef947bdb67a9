import { parseActivityFilters, ActivityFilters } from '../shared/filters';
import { text } from '../shared/validation';
import { STANCE_FILTERS, StanceFilter, TargetFilters } from './target-list.repo';

const KEYS = ['campaign', 'province', 'party', 'local', 'from', 'to', 'met', 'stance'] as const;

export type ListParsed =
  | { ok: true; values: Record<string, string>; filters: ActivityFilters; targets: TargetFilters }
  | { ok: false; values: Record<string, string>; errors: Record<string, string> };

/** A dashboard list's parameters: the dashboard's filters, and met (1 or 0) and stance; a malformed one is an error. */
export function parseListFilters(query: Record<string, unknown>): ListParsed {
  const values = Object.fromEntries(KEYS.map((k) => [k, text(query[k])]));
  values.province = values.province.toUpperCase();
  const shared = parseActivityFilters(query);
  const errors: Record<string, string> = shared.ok ? {} : { ...shared.errors };
  const targets: TargetFilters = {};
  if (values.met === '1' || values.met === '0') targets.met = values.met === '1';
  else if (values.met) errors.met = 'dashboard:lists.badMet';
  if ((STANCE_FILTERS as readonly string[]).includes(values.stance)) targets.stance = values.stance as StanceFilter;
  else if (values.stance) errors.stance = 'dashboard:lists.badStance';
  if (!shared.ok || Object.keys(errors).length) return { ok: false, values, errors };
  return { ok: true, values, filters: shared.value, targets };
}
