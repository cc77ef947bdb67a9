import { fold } from '../../shared/fold';
import { fullName, Match, matchRows, seatIndex, seatOf } from './identity';
import type { ImportRow, Scope } from './rows';
import { inTurns } from './turns';
import type { CaseKind, ExistingOfficial, Field, OfficialValues } from './fields';
import { FIELDS } from './fields';

export { FIELDS, type CaseKind, type ExistingOfficial, type Field, type OfficialValues } from './fields';

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

/**
 * A row the rules match with less than certainty, listed on its own so that the coordinator can
 * flip it: `renamed` (rule 3), `moved` (rule 4: the same person in another seat), `replaced`
 * (rule 5: a different person takes the seat). `same` is the choice in effect.
 */
export interface IdentityCase {
  line: number;
  kind: CaseKind;
  same: boolean;
  official: { id: number; name: string; constituency: string };
  row: { name: string; constituency: string };
  /** Meetings logged with the official, filled in by the service for the preview. */
  meetings: number;
}

/** What the file holds that the plan needs: kept with the preview, so that a choice can re-plan it. */
export interface PlanInput {
  scope: Scope;
  rows: ImportRow[];
  /** The folded seat of every row, accepted or not. */
  named: string[];
  /** The folded seats the file lists as vacant (Ontario's "Vacant seat" rows). */
  vacant?: string[];
}

export interface PlanChoices {
  /** The lines of the cases whose choice is the opposite of the rules' own. */
  flips: number[];
  /** When officials are ended for whom the file gives no date. */
  endedOn: string;
  /** The keys of the bodies to import (a file of several bodies); absent: every body. */
  bodies?: string[];
}

/** What applying the file would do, computed against the officials of its level and jurisdiction. */
export interface Plan {
  scope: Scope;
  add: NewOfficial[];
  update: Update[];
  unchanged: number;
  /** Sitting officials whose seat the file gives to someone else (a by-election, a recount). */
  replace: Ending[];
  /** Sitting officials the file does not mention: ended only if the file is the complete list. */
  missing: Ending[];
  /** Sitting officials of the seats the file lists as vacant: the file says they left, so they are ended. */
  vacated: Ending[];
  cases: IdentityCase[];
  endedOn: string;
}

/**
 * What applying the file does: each row matched by the identity rules (matchRows), then, as the
 * coordinator chose for each case, updated in place or added as a new official. Whoever still sits
 * in a seat the file gives to someone else is ended: on the newcomer's start date when the file has
 * one, else on the chosen "ended on" day. They keep their meetings, stances and commitments.
 */
export async function planImport(input: PlanInput, existing: ExistingOfficial[], choices: PlanChoices): Promise<Plan> {
  const plan: Plan = { scope: input.scope, add: [], update: [], unchanged: 0, replace: [], missing: [], vacated: [], cases: [], endedOn: choices.endedOn };
  const flips = new Set(choices.flips);
  const matches = await matchRows(input.rows, existing);
  const claimed = new Set<number>();
  const endOn = (row: ImportRow) => row.start_date ?? choices.endedOn;
  for await (const row of inTurns(input.rows)) {
    const m = matches.get(row);
    if (m?.kind) plan.cases.push(identityCase(row, m, flips));
    const same = m && (!m.kind || (m.kind === 'replaced') === flips.has(row.line));
    if (m && same) compare(plan, m.official, row);
    else plan.add.push(newOfficial(row));
    // Unmatched from another seat, a member keeps theirs; a different person in the seat ends them.
    if (m && (same || m.kind !== 'moved')) claimed.add(m.official.id);
    if (m && !same && m.kind !== 'moved') plan.replace.push(ending(m.official, endOn(row)));
  }
  // Whoever still sits in a seat the file gives to someone (a member who moved, a newcomer) gives way.
  const sittingAt = seatIndex(existing.filter((o) => !o.end_date));
  for await (const row of inTurns(input.rows)) {
    const o = row.end_date ? undefined : seatOf(sittingAt, row);
    if (o && !claimed.has(o.id)) { claimed.add(o.id); plan.replace.push(ending(o, endOn(row))); }
  }
  // A seat the file says is vacant has nobody in it: its sitting official left, on the chosen day.
  for (const key of input.vacant ?? []) {
    const o = sittingAt.get(key);
    if (o && !claimed.has(o.id)) { claimed.add(o.id); plan.vacated.push(ending(o, choices.endedOn)); }
  }
  const named = new Set(input.named);
  for await (const o of inTurns(existing)) {
    if (o.end_date || claimed.has(o.id)) continue;
    if (named.has(fold(o.constituency ?? '')) || (o.constituency_fr && named.has(fold(o.constituency_fr)))) continue;
    plan.missing.push(ending(o, choices.endedOn));
  }
  return plan;
}

function identityCase(row: ImportRow, m: Match, flips: Set<number>): IdentityCase {
  const byDefault = m.kind !== 'replaced';
  return {
    line: row.line,
    kind: m.kind!,
    same: flips.has(row.line) ? !byDefault : byDefault,
    official: { id: m.official.id, name: fullName(m.official), constituency: m.official.constituency ?? '' },
    row: { name: fullName(row), constituency: row.constituency },
    meetings: 0,
  };
}

function compare(plan: Plan, current: ExistingOfficial, row: ImportRow): void {
  const values = { ...pick(current) };
  const changes: Update['changes'] = [];
  for (const field of FIELDS) {
    const to = row[field];
    // A column the file does not carry (an e-mail, a French name) keeps what the tracker has.
    if ((to === null && field !== 'end_date') || to === current[field]) continue;
    changes.push({ field, from: current[field], to });
    values[field] = to;
  }
  if (changes.length) plan.update.push({ id: current.id, line: row.line, name: fullName(row), changes, values });
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
  return { id: o.id, name: fullName(o), constituency: o.constituency ?? '', end_date: end };
}

/** The officials the plan ends, with or without the "complete list" box ticked. */
export function endings(plan: Plan, complete: boolean): Ending[] {
  return [...plan.replace, ...(plan.vacated ?? []), ...(complete ? plan.missing : [])];
}

/** How many officials the plan ends, with or without the "complete list" box ticked. */
export function endedCount(plan: Plan, complete: boolean): number {
  return endings(plan, complete).length;
}

/** The plans of several bodies as one: what the preview's counts and lists add up. */
export function mergePlans(plans: Plan[], scope: Scope, endedOn: string): Plan {
  return {
    scope, endedOn, unchanged: plans.reduce((n, p) => n + p.unchanged, 0),
    add: plans.flatMap((p) => p.add), update: plans.flatMap((p) => p.update), replace: plans.flatMap((p) => p.replace),
    missing: plans.flatMap((p) => p.missing), vacated: plans.flatMap((p) => p.vacated ?? []), cases: plans.flatMap((p) => p.cases),
  };
}
