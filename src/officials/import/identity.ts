import { fold } from '../../shared/fold';
import type { CaseKind, ExistingOfficial } from './fields';
import type { ImportRow } from './rows';
import { inTurns } from './turns';

/**
 * The rules that say whether a row of a file is a person the tracker already has. Names are not
 * identities and neither are start dates (after a general election every member has the same one):
 * a stable identifier decides first, then the name, then the name in part with the party.
 */

/**
 * What two identifiers are compared on: a URL without its scheme, "www." or final slash, reduced
 * to its host and the person's number when it ends with one ("…/ziad-aboultaif(89156)" keeps
 * 89156, so a new spelling of the name in the address does not make a new person).
 */
export function identityKey(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '').replace(/\/+$/, '');
  if (!v) return null;
  const host = v.includes('/') ? v.slice(0, v.indexOf('/')) : '';
  const number = /\((\d+)\)$/.exec(v) ?? (host ? /\/(\d+)$/.exec(v) : null);
  return number ? `${host}#${number[1]}` : v;
}

interface Named {
  first_name: string | null;
  last_name: string | null;
  party: string | null;
}

export const fullName = (o: { first_name: string | null; last_name: string | null }) => `${o.first_name ?? ''} ${o.last_name ?? ''}`.trim();

/** Rule 2 (and 4): the same full name, folded (case, accents, dashes). */
export function sameName(a: Named, b: Named): boolean {
  return fold(fullName(a)) === fold(fullName(b));
}

export function sameParty(a: Named, b: Named): boolean {
  return !!a.party && !!b.party && fold(a.party) === fold(b.party);
}

/** The words of one name are all in the other ("Mary" in "Mary Ann", "Aboultaif" in "Aboultaif-Smith"). */
function namePartMatches(a: string | null, b: string | null): boolean {
  const x = fold(a ?? '').split(' ').filter(Boolean);
  const y = fold(b ?? '').split(' ').filter(Boolean);
  if (!x.length || !y.length) return false;
  const [small, big] = x.length <= y.length ? [x, y] : [y, x];
  return small.every((w) => big.includes(w));
}

/**
 * Rule 3: the same party and the same given name or surname (legal name to preferred name, a
 * married name). A different name and a different party is never the same person.
 */
export function nameChanged(a: Named, b: Named): boolean {
  return sameParty(a, b) && (namePartMatches(a.first_name, b.first_name) || namePartMatches(a.last_name, b.last_name));
}

export type Match = { official: ExistingOfficial; kind?: CaseKind };

/**
 * The identity rules, in order, each official matched once: (1) the same stable identifier,
 * wherever they sit; (2) the sitting official of the seat with the same name; (3) the sitting
 * official of the seat with the same party and the same given name or surname, unless rule 4
 * finds the row's exact name and party in another seat; (4) the one sitting official of another
 * seat with the same name and party; (5) otherwise a different person from the seat's sitting
 * official. Rules 3 to 5 are cases the coordinator can flip. A former member's row (it has an end
 * date) is matched by rules 1 and 2 only. The start date is never evidence: after a general
 * election every member has the same one.
 */
export async function matchRows(rows: ImportRow[], existing: ExistingOfficial[]): Promise<Map<ImportRow, Match>> {
  const claimed = new Set<number>();
  const matches = new Map<ImportRow, Match>();
  const claim = (row: ImportRow, m: Match) => { claimed.add(m.official.id); matches.set(row, m); };
  const free = (o: ExistingOfficial | undefined) => (o && !claimed.has(o.id) ? o : undefined);
  const sitting = existing.filter((o) => !o.end_date);
  const sittingAt = seatIndex(sitting);
  // Sitting officials first: a member back after a gap is matched to their latest row.
  const byId = group([...sitting, ...existing.filter((o) => o.end_date)], (o) => identityKey(o.external_id));
  const byName = group(sitting, personKey);
  const bySeatName = group(existing, (o) => fold(o.constituency ?? ''));
  for await (const row of inTurns(rows)) {
    const o = byId.get(identityKey(row.external_id) ?? '')?.find((c) => !claimed.has(c.id));
    if (o) claim(row, { official: o });
  }
  const open = () => rows.filter((r) => !matches.has(r));
  for await (const row of inTurns(open().filter((r) => r.end_date))) {
    const o = bySeatName.get(fold(row.constituency))?.find((c) => !claimed.has(c.id) && sameName(c, row));
    if (o) claim(row, { official: o });
  }
  const elsewhere = (row: ImportRow) => (byName.get(personKey(row) ?? '') ?? []).filter((c) => !claimed.has(c.id));
  for await (const row of inTurns(open().filter((r) => !r.end_date))) {
    const o = free(seatOf(sittingAt, row));
    if (o && sameName(o, row)) claim(row, { official: o });
    else if (o && nameChanged(o, row) && !elsewhere(row).length) claim(row, { official: o, kind: 'renamed' });
  }
  for await (const row of inTurns(open().filter((r) => !r.end_date))) {
    const found = elsewhere(row);
    if (found.length === 1) claim(row, { official: found[0], kind: 'moved' });
  }
  for await (const row of inTurns(open().filter((r) => !r.end_date))) {
    const o = free(seatOf(sittingAt, row));
    if (o) claim(row, { official: o, kind: 'replaced' });
  }
  return matches;
}

/** The full name and party, folded: what rule 4 looks for in the other seats. */
const personKey = (o: { first_name: string | null; last_name: string | null; party: string | null }) =>
  o.party ? `${fold(fullName(o))}|${fold(o.party)}` : null;

function group<T>(items: T[], key: (item: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!k) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** The sitting official of each seat, by its folded English name, then its French one. */
export function seatIndex(sitting: ExistingOfficial[]): Map<string, ExistingOfficial> {
  const bySeat = new Map<string, ExistingOfficial>();
  for (const o of sitting) bySeat.set(fold(o.constituency ?? ''), o);
  for (const o of sitting) if (o.constituency_fr && !bySeat.has(fold(o.constituency_fr))) bySeat.set(fold(o.constituency_fr), o);
  return bySeat;
}

export function seatOf(sittingAt: Map<string, ExistingOfficial>, row: ImportRow): ExistingOfficial | undefined {
  return sittingAt.get(fold(row.constituency)) ?? (row.constituency_fr ? sittingAt.get(fold(row.constituency_fr)) : undefined);
}
