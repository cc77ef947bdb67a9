import { fold } from '../../shared/fold';
import type { CsvRow } from './csv';
import type { Layout } from './formats';
import type { Level } from '../../vocab/vocab';
import { bodyOfOrganization, cityJurisdiction } from '../jurisdictions';
import { provinceOfAddress } from './reference';
import type { Problem } from './refusal';
import { finishRow, RowResult, Scope } from './rows';

/** What a Represent "Primary role" says about the body, where it says enough. */
const ROLES: Record<string, { level: Level; jurisdiction?: string }> = {
  mp: { level: 'federal', jurisdiction: 'ca' },
  senator: { level: 'senate', jurisdiction: 'ca' },
  mpp: { level: 'provincial', jurisdiction: 'ca_on' },
  mna: { level: 'provincial', jurisdiction: 'ca_qc' },
  mha: { level: 'provincial', jurisdiction: 'ca_nl' },
  mla: { level: 'provincial' },
  senateur: { level: 'senate', jurisdiction: 'ca' },
  senatrice: { level: 'senate', jurisdiction: 'ca' },
  depute: { level: 'federal', jurisdiction: 'ca' },
  deputee: { level: 'federal', jurisdiction: 'ca' },
  councillor: { level: 'municipal' },
  'regional councillor': { level: 'municipal' },
  mayor: { level: 'municipal' },
  'deputy mayor': { level: 'municipal' },
  conseiller: { level: 'municipal' },
  conseillere: { level: 'municipal' },
  'conseiller municipal': { level: 'municipal' },
  'conseillere municipale': { level: 'municipal' },
  'conseiller de ville': { level: 'municipal' },
  'conseillere de ville': { level: 'municipal' },
  "conseiller d'arrondissement": { level: 'municipal' },
  "conseillere d'arrondissement": { level: 'municipal' },
  maire: { level: 'municipal' },
  mairesse: { level: 'municipal' },
  "maire d'arrondissement": { level: 'municipal' },
  "mairesse d'arrondissement": { level: 'municipal' },
};

export function roleScope(role: string): { level: Level; jurisdiction?: string } | undefined {
  return ROLES[fold(role).replace(/[’]/g, "'")];
}

/** Problems that say a row is for another body than the import's: all of them refuse the file. */
export const OTHER_BODY = ['officials:problems.otherLevel', 'officials:problems.otherBody', 'officials:problems.otherRole'];

/**
 * Whether a row's role and organization fit the body the import is for: a problem naming what the
 * row is, or undefined. A territorial import takes Represent's MLAs (the role says provincial).
 */
function bodyProblem(row: CsvRow, role: string, organization: string, scope: Scope): Problem | undefined {
  const target = { targetLevel: scope.level, targetJurisdiction: scope.jurisdiction };
  const body = bodyOfOrganization(organization);
  if (body) {
    const sameLevel = body.level === scope.level;
    // A council's id is ca_<province>_<city>: the city must be the one the import is for.
    const sameBody = body.jurisdiction ? body.jurisdiction === scope.jurisdiction
      : scope.jurisdiction.slice('ca_xx_'.length) === cityJurisdiction('xx', body.city ?? '').slice('ca_xx_'.length);
    if (sameLevel && sameBody) return undefined;
    return { line: row.line, column: 'Organization', reason: 'officials:problems.otherBody', params: { value: organization, ...target } };
  }
  const said = roleScope(role);
  if (!said) return undefined;
  if (said.level !== scope.level && !(scope.level === 'territorial' && said.level === 'provincial')) {
    return { line: row.line, column: 'Primary role', reason: 'officials:problems.otherLevel', params: { value: role, ...target } };
  }
  if (said.jurisdiction && said.jurisdiction !== scope.jurisdiction) {
    return { line: row.line, column: 'Primary role', reason: 'officials:problems.otherRole', params: { value: role, level: said.level, jurisdiction: said.jurisdiction, ...target } };
  }
  return undefined;
}

/**
 * A Represent row: the name is split from "Name" when the first/last columns do not add up to it
 * (Represent's split is not reliable), and the phone and address are the first constituency office's (a councillor's: their office's).
 */
export function readRepresentRow(row: CsvRow, layout: Layout, scope: Scope): RowResult {
  const cell = (name: string) => (layout.column(name) >= 0 ? row.cells[layout.column(name)] ?? '' : '');
  const problem = bodyProblem(row, cell('Primary role'), cell('Organization'), scope);
  if (problem) return { problems: [problem] };
  const [first_name, last_name] = splitName(cell('Name'), cell('First name'), cell('Last name'));
  return finishRow({
    line: row.line,
    honorific: null,
    first_name,
    last_name,
    constituency: cell('District name'),
    constituency_fr: null,
    province: '',
    party: cell('Party name') || null,
    email: cell('Email') || null,
    phone: officeCell(row.cells, layout.offices, 2, scope.level),
    address: officeCell(row.cells, layout.offices, 1, scope.level),
    addressProvince: officeProvinceOf(row.cells, layout.offices, scope.level),
    start: '',
    end: '',
    external_id: personUrl(cell),
  }, { first: 'Name', last: 'Name', constituency: 'District name', start: '', end: '', province: '' }, scope);
}

/**
 * Represent's page for the person carries their id; the first of these columns with a value is
 * kept (bounded), and parse drops any value that several rows share (a listing page, not a person).
 */
const URL_COLUMNS = ['URL', 'Source URL', 'Personal URL'];
function personUrl(cell: (name: string) => string): string | null {
  const value = URL_COLUMNS.map((c) => cell(c).trim()).find(Boolean);
  return value ? value.slice(0, 500) : null;
}

function splitName(name: string, first: string, last: string): [string, string] {
  if (first && last && `${first} ${last}` === name) return [first, last];
  if (!name) return [first, last];
  const at = name.lastIndexOf(' ');
  return at > 0 ? [name.slice(0, at), name.slice(at + 1)] : ['', name];
}

/**
 * The first constituency office's cell `offset` columns after its "Office type" (1: Address, 2:
 * Phone). A councillor has no constituency office: their office at city hall is where to reach them.
 */
function officeCell(cells: string[], offices: number[], offset: number, level: Level): string | null {
  const office = offices.find((i) => fold(cells[i] ?? '') === 'constituency' && cells[i + offset])
    ?? (level === 'municipal' ? offices.find((i) => cells[i + offset]) : undefined);
  return office === undefined ? null : cells[office + offset];
}

/**
 * The province the office addresses name: constituency offices first. A member of Parliament's or
 * senator's other offices are in Ottawa, so they say nothing about the seat.
 */
export function officeProvinceOf(cells: string[], offices: number[], level: Level): string | undefined {
  const constituency = offices.filter((i) => fold(cells[i] ?? '') === 'constituency');
  const others = level === 'federal' || level === 'senate' ? [] : offices.filter((i) => !constituency.includes(i));
  for (const i of [...constituency, ...others]) {
    const found = provinceOfAddress(cells[i + 1] ?? '');
    if (found) return found;
  }
  return undefined;
}
