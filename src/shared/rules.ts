import type { Knex } from 'knex';

/*
 * A condition on one record, written once as data, then read two ways: `applyRule` writes it into a
 * query as a WHERE clause (the lists), `holds` tests it on one record read with its facts (the
 * checks before a change). Both read the same tree, so a list never shows what a check would refuse,
 * nor the other way round; test/meetings/policy.test.ts holds them to it on real rows.
 */

type Id = number;

export type Rule =
  /** Every rule holds (none: true) / one of them holds (none: false). */
  | { is: 'all' | 'any'; rules: Rule[] }
  /** The record's field equals the value. */
  | { is: 'equal'; field: string; value: Id | boolean }
  /** The record's field is null. */
  | { is: 'missing'; field: string }
  /** The record's field is one of the values. */
  | { is: 'among'; field: string; values: readonly Id[] }
  /** The record's field is a moment later than the value (null is not). */
  | { is: 'after'; field: string; value: Date }
  /** A list the record has (its attendees, say; a relation of its kind) holds the value. */
  | { is: 'has'; relation: string; value: Id }
  /** The record's parent (a follow-up's meeting) meets the rule. */
  | { is: 'of'; parent: string; rule: Rule };

export const always: Rule = { is: 'all', rules: [] };
export const never: Rule = { is: 'any', rules: [] };
const isAlways = (r: Rule) => r.is === 'all' && !r.rules.length;
const isNever = (r: Rule) => r.is === 'any' && !r.rules.length;

/**
 * Every one of the rules. Written through all() and any(), a rule has no always or never inside
 * (they are folded away), so that no empty group reaches SQL, where knex would drop it.
 */
export function all(...rules: Rule[]): Rule {
  if (rules.some(isNever)) return never;
  const kept = rules.filter((r) => !isAlways(r));
  return kept.length === 1 ? kept[0] : { is: 'all', rules: kept };
}

/** One of the rules, at least. */
export function any(...rules: Rule[]): Rule {
  if (rules.some(isAlways)) return always;
  const kept = rules.filter((r) => !isNever(r));
  return kept.length === 1 ? kept[0] : { is: 'any', rules: kept };
}
export const equal = (field: string, value: Id | boolean): Rule => ({ is: 'equal', field, value });
export const missing = (field: string): Rule => ({ is: 'missing', field });
export const among = (field: string, values: readonly Id[]): Rule => ({ is: 'among', field, values });
export const after = (field: string, value: Date): Rule => ({ is: 'after', field, value });
export const has = (relation: string, value: Id): Rule => ({ is: 'has', relation, value });
export const of = (parent: string, rule: Rule): Rule => ({ is: 'of', parent, rule });

/**
 * A kind of record: its table, how each of its relations reads in SQL (a WHERE on the record
 * aliased `alias`) and in its facts (a list of ids under the relation's name), and its parents.
 */
export interface Kind {
  table: string;
  relations: Record<string, (q: Knex.QueryBuilder, alias: string, value: Id) => void>;
  parents: Record<string, { kind: Kind; key: string }>;
}

/** Facts about a record: its fields, its relations as lists of ids, its parents' facts. */
export type Facts = Readonly<Record<string, unknown>>;

/** Aliases of the parents a query already joins (`{ meeting: 'm' }`): their rules are written on them, not as EXISTS. */
export type Joined = Readonly<Record<string, string>>;

/** Narrows `q`, a query on `kind` aliased `alias`, to the records the rule holds for. */
export function applyRule<Q extends Knex.QueryBuilder>(q: Q, rule: Rule, kind: Kind, alias: string, joined: Joined = {}): Q {
  write(q, rule, kind, alias, joined);
  return q;
}

function write(q: Knex.QueryBuilder, rule: Rule, kind: Kind, alias: string, joined: Joined): void {
  switch (rule.is) {
    case 'all':
      for (const r of rule.rules) q.where((w) => { write(w, r, kind, alias, joined); });
      return;
    case 'any':
      if (!rule.rules.length) q.whereRaw('false');
      else q.where((w) => { for (const r of rule.rules) w.orWhere((o) => { write(o, r, kind, alias, joined); }); });
      return;
    case 'equal':
      q.where(`${alias}.${rule.field}`, rule.value);
      return;
    case 'missing':
      q.whereNull(`${alias}.${rule.field}`);
      return;
    case 'among':
      // One array parameter, not IN (?, ?, …): the statement's text stays the same for any number of ids.
      q.whereRaw('?? = ANY(?::int[])', [`${alias}.${rule.field}`, [...rule.values]]);
      return;
    case 'after':
      q.where(`${alias}.${rule.field}`, '>', rule.value);
      return;
    case 'has':
      relationOf(kind, rule.relation)(q, alias, rule.value);
      return;
    case 'of': {
      const parent = parentOf(kind, rule.parent);
      const there = joined[rule.parent];
      if (there) {
        q.where((w) => { write(w, rule.rule, parent.kind, there, {}); });
        return;
      }
      const p = `${alias}_${rule.parent}`;
      q.whereExists((e) => {
        e.from(`${parent.kind.table} as ${p}`).whereRaw('?? = ??', [`${p}.id`, `${alias}.${parent.key}`]);
        write(e, rule.rule, parent.kind, p, {});
      });
    }
  }
}

/** Whether the rule holds for a record, given its facts (the same fields, relations and parents applyRule reads). */
export function holds(rule: Rule, kind: Kind, facts: Facts): boolean {
  switch (rule.is) {
    case 'all': return rule.rules.every((r) => holds(r, kind, facts));
    case 'any': return rule.rules.some((r) => holds(r, kind, facts));
    case 'equal': return facts[rule.field] === rule.value;
    case 'missing': return facts[rule.field] === null || facts[rule.field] === undefined;
    case 'among': return rule.values.includes(facts[rule.field] as Id);
    case 'after': {
      const moment = facts[rule.field];
      return moment instanceof Date && moment.getTime() > rule.value.getTime();
    }
    case 'has': {
      relationOf(kind, rule.relation);
      const list = facts[rule.relation];
      if (!Array.isArray(list)) throw new Error(`The facts lack the relation "${rule.relation}" of ${kind.table}`);
      return list.includes(rule.value);
    }
    case 'of': {
      const parent = parentOf(kind, rule.parent);
      const facts_ = facts[rule.parent];
      if (!facts_ || typeof facts_ !== 'object') throw new Error(`The facts lack the parent "${rule.parent}" of ${kind.table}`);
      return holds(rule.rule, parent.kind, facts_ as Facts);
    }
  }
}

/**
 * The records of `kind` the rule holds for, as `select` of each: one SELECT per alternative of a
 * rule that is one of several, in a UNION, so that PostgreSQL reads each alternative from its own
 * index (a local's people from users_active_local_name_index alone) instead of scanning the whole
 * table for an OR.
 */
export function selectEach(db: Knex, rule: Rule, kind: Kind, alias: string, select: string[]): Knex.QueryBuilder {
  const branches = rule.is === 'any' && rule.rules.length ? rule.rules : [rule];
  const [first, ...rest] = branches.map((r) => applyRule(db(`${kind.table} as ${alias}`), r, kind, alias).select(select));
  for (const r of rest) first.union(r);
  return first;
}

function relationOf(kind: Kind, name: string) {
  const relation = kind.relations[name];
  if (!relation) throw new Error(`No relation "${name}" of ${kind.table}`);
  return relation;
}

function parentOf(kind: Kind, name: string) {
  const parent = kind.parents[name];
  if (!parent) throw new Error(`No parent "${name}" of ${kind.table}`);
  return parent;
}
