import { fold } from '../../shared/fold';
import { today } from '../../shared/validation';
import type { ParsedFile } from './parse';
import type { ImportRow, Scope } from './rows';
import { inTurns } from './turns';

/** The columns an import writes; the rest of the officials row is the tracker's own. */
export const FIELDS = ['honorific', 'first_name', 'last_name', 'constituency', 'constituency_fr', 'province', 'party', 'email', 'phone', 'start_date', 'end_date'] as const;
export type Field = (typeof FIELDS)[number];
export type OfficialValues = Record<Field, string | null>;

export interface ExistingOfficial extends OfficialValues {
  id: number;
}

export interface NewOfficial extends OfficialValues {
  line: number;
}

export interface Update {
  id: number;
  line: number;
  name: string;
  changes: { field: Field; from: string | null; to: string | null }[];
  values: OfficialValues;
}

export interface Ending {
  id: number;
  name: string;
  constituency: string;
  end_date: string;
}

/** What applying the file would do, computed against the officials of its level and jurisdiction. */
export interface Plan {
  scope: Scope;
  add: NewOfficial[];
  update: Update[];
  unchanged: number;
  /** Sitting officials whose seat the file gives to someone else (a by-election). */
  replace: Ending[];
  /** Sitting officials the file does not mention: ended only if the file is the complete list. */
  missing: Ending[];
}

const nameOf = (o: { first_name: string | null; last_name: string | null }) => `${o.first_name ?? ''} ${o.last_name ?? ''}`.trim();
const samePerson = (a: OfficialValues, b: ImportRow) =>
  (!!a.start_date && a.start_date === b.start_date) || fold(nameOf(a)) === fold(nameOf(b));

/**
 * Names are not identities: a row is matched to the sitting official of its seat, and is the same
 * person when the start date or the name agrees. A former member's row (it has an end date) is
 * matched first, so a by-election file that lists both the old and the new member ends the old one once.
 */
export async function planImport(parsed: ParsedFile, existing: ExistingOfficial[]): Promise<Plan> {
  const plan: Plan = { scope: parsed.scope, add: [], update: [], unchanged: 0, replace: [], missing: [] };
  const claimed = new Set<number>();
  const sitting = new Map<string, ExistingOfficial>();
  for await (const o of inTurns(existing.filter((e) => !e.end_date))) {
    sitting.set(fold(o.constituency ?? ''), o);
    if (o.constituency_fr && !sitting.has(fold(o.constituency_fr))) sitting.set(fold(o.constituency_fr), o);
  }
  const formerRows = parsed.rows.filter((r) => r.end_date);
  const sittingRows = parsed.rows.filter((r) => !r.end_date);
  const bySeat = new Map<string, ExistingOfficial[]>();
  for await (const o of inTurns(existing)) {
    const key = fold(o.constituency ?? '');
    const same = bySeat.get(key);
    if (same) same.push(o);
    else bySeat.set(key, [o]);
  }
  for await (const row of inTurns(formerRows)) {
    const match = bySeat.get(fold(row.constituency))?.find((o) => !claimed.has(o.id) && samePerson(o, row));
    if (match) compare(plan, match, row, claimed);
    else plan.add.push(newOfficial(row));
  }
  for await (const row of inTurns(sittingRows)) {
    const current = sitting.get(fold(row.constituency)) ?? (row.constituency_fr ? sitting.get(fold(row.constituency_fr)) : undefined);
    if (current && !claimed.has(current.id) && samePerson(current, row)) {
      compare(plan, current, row, claimed);
      continue;
    }
    if (current && !claimed.has(current.id)) {
      claimed.add(current.id);
      plan.replace.push(ending(current, row.start_date && (!current.start_date || row.start_date > current.start_date) ? row.start_date : today()));
    }
    plan.add.push(newOfficial(row));
  }
  const named = new Set(parsed.named);
  for await (const o of inTurns(existing)) {
    if (o.end_date || claimed.has(o.id)) continue;
    if (named.has(fold(o.constituency ?? '')) || (o.constituency_fr && named.has(fold(o.constituency_fr)))) continue;
    plan.missing.push(ending(o, today()));
  }
  return plan;
}

function compare(plan: Plan, current: ExistingOfficial, row: ImportRow, claimed: Set<number>): void {
  claimed.add(current.id);
  const values = { ...pick(current) };
  const changes: Update['changes'] = [];
  for (const field of FIELDS) {
    const to = row[field];
    // A column the file does not carry (an e-mail, a French name) keeps what the tracker has.
    if ((to === null && field !== 'end_date') || to === current[field]) continue;
    changes.push({ field, from: current[field], to });
    values[field] = to;
  }
  if (changes.length) plan.update.push({ id: current.id, line: row.line, name: nameOf(row), changes, values });
  else plan.unchanged += 1;
}

function pick(o: OfficialValues): OfficialValues {
  return Object.fromEntries(FIELDS.map((f) => [f, o[f] ?? null])) as OfficialValues;
}

function newOfficial(row: ImportRow): NewOfficial {
  return { line: row.line, ...pick(row) };
}

function ending(o: ExistingOfficial, endDate: string): Ending {
  const end = o.start_date && endDate < o.start_date ? o.start_date : endDate;
  return { id: o.id, name: nameOf(o), constituency: o.constituency ?? '', end_date: end };
}

/** How many officials the plan ends, with or without the "complete list" box ticked. */
export function endedCount(plan: Plan, complete: boolean): number {
  return plan.replace.length + (complete ? plan.missing.length : 0);
}
