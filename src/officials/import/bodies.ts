import { fold } from '../../shared/fold';
import { bodyOfOrganization, cityJurisdiction } from '../jurisdictions';
import type { CsvRow } from './csv';
import type { Layout } from './formats';
import type { Level } from '../../vocab/vocab';
import type { Problem } from './refusal';
import { officeProvinceOf, roleScope } from './represent';
import type { Scope } from './rows';
import { inTurns } from './turns';

/** The rows of a file that one body (a legislature, a council) holds seats in. */
export interface BodyRows {
  scope: Scope;
  /** A council: its city as the file spells it, which names it on every page. */
  city?: string;
  rows: CsvRow[];
}

/** A body's key in forms and on the command line: `provincial:ca_on`, `municipal:ca_on_toronto`. */
export const bodyKey = (scope: Scope) => `${scope.level}:${scope.jurisdiction}`;

interface Group {
  level: Level;
  jurisdiction?: string;
  city?: string;
  organization: string;
  rows: CsvRow[];
  /** How many rows' office addresses name each province: a council's province is the most named. */
  provinces: Map<string, number>;
}

/**
 * A Represent file whose Organization column names the bodies (every legislature and dozens of
 * councils in one download), imported without a jurisdiction given: its rows, body by body. Each
 * legislature is known by its name; a council is `ca_<province>_<city>`, its province the one its
 * members' office addresses name. Undefined for any other file, which is one body's list.
 * A row whose body cannot be told is left out with the reason.
 */
export async function splitByOrganization(layout: Layout, rows: CsvRow[], level: Level | undefined): Promise<{ bodies: BodyRows[]; problems: Problem[] } | undefined> {
  const at = layout.column('Organization');
  if (layout.format !== 'represent' || at < 0 || !rows.some((r) => r.cells[at])) return undefined;
  const role = layout.column('Primary role');
  const groups = new Map<string, Group>();
  const problems: Problem[] = [];
  for await (const row of inTurns(rows)) {
    const organization = row.cells[at] ?? '';
    const body: { level: Level; jurisdiction?: string; city?: string } | undefined = organization ? bodyOfOrganization(organization) : roleScope(row.cells[role] ?? '');
    if (!body || (!body.jurisdiction && !body.city)) {
      problems.push(organization
        ? { line: row.line, column: 'Organization', reason: 'officials:problems.unknownBody', params: { value: organization } }
        : { line: row.line, column: 'Organization', reason: 'officials:problems.noBody', params: { value: row.cells[role] ?? '' } });
      continue;
    }
    if (level && body.level !== level) {
      problems.push({ line: row.line, column: 'Organization', reason: 'officials:problems.otherLevelBody', params: { value: organization, level } });
      continue;
    }
    const city = body.jurisdiction ? undefined : body.city;
    const key = body.jurisdiction ? `${body.level}:${body.jurisdiction}` : `municipal:${fold(city ?? '')}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { level: body.level, jurisdiction: body.jurisdiction, city, organization, rows: [], provinces: new Map() }));
    group.rows.push(row);
    if (!group.jurisdiction) {
      const province = officeProvinceOf(row.cells, layout.offices, 'municipal');
      if (province) group.provinces.set(province, (group.provinces.get(province) ?? 0) + 1);
    }
  }
  const bodies: BodyRows[] = [];
  for (const g of groups.values()) {
    const province = mostNamed(g.provinces);
    if (g.jurisdiction) bodies.push({ scope: { level: g.level, jurisdiction: g.jurisdiction }, rows: g.rows });
    else if (province) bodies.push({ scope: { level: 'municipal', jurisdiction: cityJurisdiction(province, g.city!) }, city: g.city, rows: g.rows });
    else for (const row of g.rows) problems.push({ line: row.line, column: 'Organization', reason: 'officials:problems.councilProvince', params: { value: g.organization } });
  }
  return { bodies, problems };
}

function mostNamed(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  for (const [province, n] of counts) if (!best || n > counts.get(best)!) best = province;
  return best;
}
