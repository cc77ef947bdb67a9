import { fold } from '../../shared/fold';
import type { CsvRow } from './csv';
import type { Layout } from './formats';
import { provinceCode, provinceOfAddress } from './reference';
import { finishRow, RowResult, Scope } from './rows';

/** A seat the file lists with no member: recorded as vacant, never as an official. */
export interface VacantSeat {
  line: number;
  constituency: string;
}

/** Non-breaking spaces become spaces and zero-width characters go, inside a value too. */
function tidy(value: string): string {
  return value.replace(/[\u00a0\u202f]/g, ' ').replace(/[\u200b-\u200d\u2060\ufeff]/g, '').trim();
}

const VACANT = new Set(['vacant seat', 'vacant', 'siege vacant', 'vacant seat vacant']);

/**
 * The Legislative Assembly of Ontario's member contact list has one row per office, so a member
 * appears two or three times: one official per Member ID, with the constituency office's phone and
 * address and the member's e-mail. A "Vacant seat" row is a vacancy of its riding.
 */
export function readOntarioRows(rows: CsvRow[], layout: Layout, scope: Scope): { results: RowResult[]; vacant: VacantSeat[] } {
  const cell = (row: CsvRow, name: string) => tidy(layout.column(name) >= 0 ? row.cells[layout.column(name)] ?? '' : '');
  const members = new Map<string, CsvRow[]>();
  const vacant: VacantSeat[] = [];
  for (const row of rows) {
    const name = fold(`${cell(row, 'First name')} ${cell(row, 'Last name')}`);
    if (VACANT.has(name)) {
      if (!vacant.some((v) => fold(v.constituency) === fold(cell(row, 'Riding name')))) vacant.push({ line: row.line, constituency: cell(row, 'Riding name') });
      continue;
    }
    // Without a Member ID, the rows of one person are those with the same name and riding.
    const key = cell(row, 'Member ID') || `${name}|${fold(cell(row, 'Riding name'))}`;
    members.set(key, [...(members.get(key) ?? []), row]);
  }
  const results = [...members.entries()].map(([, offices]) => readMember(offices, (r, n) => cell(r, n), scope));
  return { results, vacant };
}

function readMember(offices: CsvRow[], cell: (row: CsvRow, name: string) => string, scope: Scope): RowResult {
  const first = offices[0];
  const constituency = offices.find((r) => /constituency|circonscription/.test(fold(cell(r, 'Office type'))));
  const any = (name: string) => offices.map((r) => cell(r, name)).find(Boolean) ?? '';
  const office = constituency ?? first;
  const address = [cell(office, 'Address'), cell(office, 'City'), cell(office, 'Province'), cell(office, 'Postal code')].join(' ');
  return finishRow({
    line: first.line,
    honorific: cell(first, 'Honorific') || null,
    first_name: cell(first, 'First name'),
    last_name: cell(first, 'Last name'),
    constituency: cell(first, 'Riding name'),
    constituency_fr: null,
    province: '',
    party: any('Party') || null,
    email: any('Email') || (constituency && cell(constituency, 'Office email')) || null,
    phone: (constituency && cell(constituency, 'Telephone')) || any('Telephone') || null,
    address: constituency ? postalAddress(constituency, cell) : null,
    external_id: cell(first, 'Member ID') || null,
    addressProvince: provinceCode(cell(office, 'Province')) ?? provinceOfAddress(address),
    start: '',
    end: '',
  }, { first: 'First name', last: 'Last name', constituency: 'Riding name', start: '', end: '', province: 'Province' }, scope);
}

/** The office's street lines as written, then "City Province Postal code" on a line of its own. */
function postalAddress(office: CsvRow, cell: (row: CsvRow, name: string) => string): string | null {
  const place = ['City', 'Province', 'Postal code'].map((n) => cell(office, n)).filter(Boolean).join(' ');
  return [cell(office, 'Address'), place].filter(Boolean).join('\n') || null;
}
