import { fold } from '../../shared/fold';
import type { CsvRow } from './csv';
import type { Layout } from './formats';
import type { Level } from '../../shared/levels';
import { finishRow, RowResult, Scope } from './rows';

/** What a Represent "Primary role" says about the body, where it says enough. */
const ROLES: Record<string, { level: Level; jurisdiction?: string }> = {
  mp: { level: 'federal', jurisdiction: 'ca' },
  senator: { level: 'senate', jurisdiction: 'ca' },
  mpp: { level: 'provincial', jurisdiction: 'ca_on' },
  mna: { level: 'provincial', jurisdiction: 'ca_qc' },
  mha: { level: 'provincial', jurisdiction: 'ca_nl' },
  mla: { level: 'provincial' },
  councillor: { level: 'municipal' },
  'regional councillor': { level: 'municipal' },
  mayor: { level: 'municipal' },
  'deputy mayor': { level: 'municipal' },
};

export function roleScope(role: string): { level: Level; jurisdiction?: string } | undefined {
  return ROLES[fold(role)];
}

/**
 * A Represent row: the name is split from "Name" when the first/last columns do not add up to it
 * (Represent's split is not reliable), and the phone is the first constituency office's.
 */
export function readRepresentRow(row: CsvRow, layout: Layout, scope: Scope): RowResult {
  const cell = (name: string) => (layout.column(name) >= 0 ? row.cells[layout.column(name)] ?? '' : '');
  const role = cell('Primary role');
  const roleLevel = roleScope(role)?.level;
  if (roleLevel && roleLevel !== scope.level && !(scope.level === 'territorial' && roleLevel === 'provincial')) {
    return { problems: [{ line: row.line, column: 'Primary role', reason: 'officials:problems.otherLevel', params: { value: role } }] };
  }
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
    phone: constituencyPhone(row.cells, layout.offices),
    start: '',
    end: '',
  }, { first: 'Name', last: 'Name', constituency: 'District name', start: '', end: '', province: '' }, scope);
}

function splitName(name: string, first: string, last: string): [string, string] {
  if (first && last && `${first} ${last}` === name) return [first, last];
  if (!name) return [first, last];
  const at = name.lastIndexOf(' ');
  return at > 0 ? [name.slice(0, at), name.slice(at + 1)] : ['', name];
}

function constituencyPhone(cells: string[], offices: number[]): string | null {
  const office = offices.find((i) => fold(cells[i] ?? '') === 'constituency' && cells[i + 2]);
  return office === undefined ? null : cells[office + 2];
}
