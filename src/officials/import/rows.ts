import type { Level } from '../../vocab/vocab';
import { isoDate } from '../../shared/validation';
import type { CsvRow } from './csv';
import type { Layout } from './formats';
import { federalParty, federalRiding, provinceCode, provinceOfJurisdiction } from './reference';
import type { Problem } from './refusal';

export interface Scope {
  level: Level;
  jurisdiction: string;
}

/** One official as the file gives them, cleaned, with the line they came from. */
export interface ImportRow {
  line: number;
  honorific: string | null;
  first_name: string;
  last_name: string;
  constituency: string;
  constituency_fr: string | null;
  province: string | null;
  party: string | null;
  email: string | null;
  phone: string | null;
  /** The constituency office's postal address, line breaks kept. */
  address: string | null;
  start_date: string | null;
  end_date: string | null;
  /** A stable identifier of the person in the file's source (Represent's URL, a legislature's Member ID). */
  external_id: string | null;
}

/** An address longer than this is not one: what is kept of it. */
const MAX_ADDRESS = 500;

/** What one format's reader makes of a row: the row, or the problems that keep it out. */
export type RowResult = { row: ImportRow } | { problems: Problem[] };

/** "2021-09-20 12:00:00 AM", "2021-09-20 0:00", "2021-09-20" or "2021/09/20": the calendar day. */
export function parseDate(value: string): string | null | undefined {
  if (!value) return null;
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AP]M)?)?$/i.exec(value);
  return m ? isoDate(`${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`) : undefined;
}

/** Fields every format shares, checked the same way: required names, dates, province. */
export function finishRow(
  fields: Omit<ImportRow, 'start_date' | 'end_date' | 'province' | 'external_id' | 'address'> & { address?: string | null; start: string; end: string; province: string; addressProvince?: string; external_id?: string | null },
  columns: { first: string; last: string; constituency: string; start: string; end: string; province: string },
  scope: Scope,
): RowResult {
  const problems: Problem[] = [];
  const line = fields.line;
  for (const key of ['first_name', 'last_name', 'constituency'] as const) {
    const column = { first_name: columns.first, last_name: columns.last, constituency: columns.constituency }[key];
    if (!fields[key]) problems.push({ line, column, reason: 'officials:problems.missing' });
  }
  const start_date = parseDate(fields.start);
  const end_date = parseDate(fields.end);
  if (start_date === undefined) problems.push({ line, column: columns.start, reason: 'officials:problems.badDate', params: { value: fields.start } });
  if (end_date === undefined) problems.push({ line, column: columns.end, reason: 'officials:problems.badDate', params: { value: fields.end } });
  if (start_date && end_date && end_date < start_date) problems.push({ line, column: columns.end, reason: 'officials:problems.endBeforeStart' });
  let province = fields.province ? provinceCode(fields.province) ?? null : null;
  if (fields.province && !province) problems.push({ line, column: columns.province, reason: 'officials:problems.badProvince', params: { value: fields.province } });
  const federal = scope.level === 'federal';
  const riding = federal ? federalRiding(fields.constituency) : undefined;
  // In order: the file's own column, the riding lists of both federal maps, the office addresses.
  province ??= riding?.province || fields.addressProvince || provinceOfJurisdiction(scope.jurisdiction) || null;
  if (problems.length) return { problems };
  const { start: _s, end: _e, addressProvince: _a, ...rest } = fields;
  return {
    row: {
      ...rest,
      // A French export's riding is stored under its English name when the reference knows it.
      constituency: riding && fields.constituency_fr === fields.constituency ? riding.en : fields.constituency,
      constituency_fr: riding?.fr ?? fields.constituency_fr ?? null,
      party: fields.party && federal ? federalParty(fields.party) : fields.party || null,
      province,
      start_date: start_date ?? null,
      end_date: end_date ?? null,
      external_id: fields.external_id ?? null,
      address: fields.address ? fields.address.slice(0, MAX_ADDRESS) : null,
    },
  };
}

/** Reads a House of Commons (English or French) or template row. */
export function readColumnsRow(row: CsvRow, layout: Layout, scope: Scope): RowResult {
  const names = COLUMN_NAMES[layout.format as keyof typeof COLUMN_NAMES];
  const cell = (name: string) => (layout.column(name) >= 0 ? row.cells[layout.column(name)] ?? '' : '');
  const constituency = cell(names.constituency);
  const french = layout.format === 'commons_fr';
  return finishRow({
    line: row.line,
    honorific: cell(names.honorific) || null,
    first_name: cell(names.first),
    last_name: cell(names.last),
    constituency,
    constituency_fr: french ? constituency : cell('constituency_fr') || null,
    province: cell(names.province),
    party: cell(names.party) || null,
    email: cell('email') || null,
    phone: cell('phone') || null,
    start: cell(names.start),
    end: cell(names.end),
    external_id: null,
  }, names, scope);
}

const COLUMN_NAMES = {
  commons_en: { honorific: 'Honorific Title', first: 'First Name', last: 'Last Name', constituency: 'Constituency', province: 'Province / Territory', party: 'Political Affiliation', start: 'Start Date', end: 'End Date' },
  commons_fr: { honorific: 'Titre honorifique', first: 'Prénom', last: 'Nom de famille', constituency: 'Circonscription', province: 'Province / Territoire', party: 'Affiliation politique', start: 'Date de début', end: 'Date de fin' },
  template: { honorific: 'honorific', first: 'first_name', last: 'last_name', constituency: 'constituency', province: 'province', party: 'party', start: 'start_date', end: 'end_date' },
};
