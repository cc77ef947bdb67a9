import { fold } from '../../shared/fold';
import { decode, Encoding } from './decode';
import { CsvRow, readCsv } from './csv';
import { checkNamelessColumns, detectFormat, FormatName, Layout } from './formats';
import { ImportRefused, Problem } from './refusal';
import { scopeMismatch } from '../jurisdictions';
import { OTHER_BODY, roleScope, readRepresentRow } from './represent';
import { federalRiding } from './reference';
import { readOntarioRows, VacantSeat } from './ontario';
import { ImportRow, Level, readColumnsRow, RowResult, Scope } from './rows';

export interface ImportOptions {
  level?: Level;
  jurisdiction?: string;
}

export interface ParsedFile {
  format: FormatName;
  encoding: Encoding;
  scope: Scope;
  rows: ImportRow[];
  problems: Problem[];
  /** Rows in the file, accepted or not. */
  total: number;
  /** The folded seat of every row, accepted or not. */
  named: string[];
  /** Seats the file lists as vacant (Ontario's "Vacant seat" rows). */
  vacant: VacantSeat[];
}

/** Bytes to clean rows: decode, split, recognise the format, read each row, find duplicate seats. */
export function parseFile(bytes: Buffer, options: ImportOptions): ParsedFile {
  const { text, encoding } = decode(bytes);
  const table = readCsv(text);
  const layout = detectFormat(table.header);
  checkNamelessColumns(table.header, table.rows);
  const scope = resolveScope(layout, table.rows, options);
  const { results, vacant } = readRows(table.rows, layout, scope);
  const rows: ImportRow[] = [];
  const problems: Problem[] = [];
  for (const result of results) {
    if ('row' in result) rows.push(result.row);
    else problems.push(...result.problems);
  }
  refuseIfAllOtherBody(rows, problems, scope);
  const unique = withoutDuplicateSeats(rows, problems, layout);
  return {
    format: layout.format, encoding, scope, rows: unique, problems: problems.sort((a, b) => a.line - b.line),
    total: table.rows.length, named: seatsNamed(table.rows, layout).filter((k) => !vacant.some((v) => fold(v.constituency) === k)), vacant,
  };
}

/** Ontario's list has a row per office, so its rows are read together; the others one by one. */
function readRows(rows: CsvRow[], layout: Layout, scope: Scope): { results: RowResult[]; vacant: VacantSeat[] } {
  if (layout.format === 'ontario') return readOntarioRows(rows, layout, scope);
  const read = layout.format === 'represent' ? readRepresentRow : readColumnsRow;
  return { results: rows.map((row) => read(row, layout, scope)), vacant: [] };
}

/**
 * The House of Commons export is federal; Represent's roles say the level and sometimes the
 * jurisdiction; the template takes both from the options. Options that contradict the file refuse it.
 */
function resolveScope(layout: Layout, rows: { cells: string[] }[], options: ImportOptions): Scope {
  let guess: { level?: Level; jurisdiction?: string } = {};
  if (layout.format.startsWith('commons')) guess = { level: 'federal', jurisdiction: 'ca' };
  if (layout.format === 'ontario') {
    // The Legislative Assembly of Ontario's own export is for that body only.
    if ((options.level && options.level !== 'provincial') || (options.jurisdiction && options.jurisdiction !== 'ca_on')) {
      throw new ImportRefused('officials:refused.ontarioOnly', { level: options.level ?? 'provincial', jurisdiction: options.jurisdiction ?? 'ca_on' });
    }
    guess = { level: 'provincial', jurisdiction: 'ca_on' };
  }
  if (layout.format === 'represent') {
    const role = rows[0].cells[layout.column('Primary role')] ?? '';
    guess = roleScope(role) ?? {};
    if (!guess.level && !options.level) throw new ImportRefused('officials:refused.needLevel', { role });
  }
  if (guess.level === 'federal' && options.level && options.level !== 'federal') {
    throw new ImportRefused('officials:refused.notThatLevel', { level: options.level });
  }
  const level = options.level ?? guess.level ?? 'federal';
  const jurisdiction = options.jurisdiction ?? (level === guess.level ? guess.jurisdiction : undefined)
    ?? (level === 'federal' || level === 'senate' ? 'ca' : undefined);
  if (!jurisdiction) throw new ImportRefused('officials:refused.needJurisdiction', { level });
  if (layout.format.startsWith('commons') && jurisdiction !== 'ca') throw new ImportRefused('officials:refused.notThatLevel', { level: jurisdiction });
  const mismatch = scopeMismatch(level, jurisdiction);
  if (mismatch) throw new ImportRefused(mismatch, { given: jurisdiction });
  return { level, jurisdiction };
}

/** A file none of whose rows is for the body chosen is refused in one sentence, not row by row. */
function refuseIfAllOtherBody(rows: ImportRow[], problems: Problem[], scope: Scope): void {
  if (rows.length || !problems.length || !problems.every((p) => OTHER_BODY.includes(p.reason))) return;
  throw new ImportRefused('officials:refused.otherBody', {
    value: String(problems[0].params?.value ?? ''), targetLevel: scope.level, targetJurisdiction: scope.jurisdiction,
  });
}

/**
 * Two sitting members for one seat cannot both be right: both rows are left out and reported
 * with each other's line numbers, rather than letting the database refuse the whole batch.
 */
function withoutDuplicateSeats(rows: ImportRow[], problems: Problem[], layout: Layout): ImportRow[] {
  const bySeat = new Map<string, ImportRow[]>();
  for (const row of rows) {
    if (row.end_date) continue;
    const key = fold(row.constituency);
    bySeat.set(key, [...(bySeat.get(key) ?? []), row]);
  }
  const dropped = new Set<ImportRow>();
  const column = SEAT_COLUMN[layout.format];
  for (const same of bySeat.values()) {
    if (same.length < 2) continue;
    const lines = same.map((r) => r.line).join(', ');
    for (const row of same) {
      dropped.add(row);
      problems.push({ line: row.line, column, reason: 'officials:problems.duplicateSeat', params: { lines, constituency: row.constituency } });
    }
  }
  return rows.filter((r) => !dropped.has(r));
}

const SEAT_COLUMN: Record<FormatName, string> = {
  commons_en: 'Constituency', commons_fr: 'Circonscription', represent: 'District name', ontario: 'Riding name', template: 'constituency',
};

/**
 * Every seat the file names, even on rows left out: a sitting official is "missing from the file"
 * only when no row names their seat, so a row with a typo in its date never ends anyone.
 */
function seatsNamed(rows: { cells: string[] }[], layout: Layout): string[] {
  const at = layout.column(SEAT_COLUMN[layout.format]);
  const keys = new Set<string>();
  for (const row of rows) {
    const name = row.cells[at] ?? '';
    keys.add(fold(name));
    const riding = federalRiding(name);
    if (riding) keys.add(fold(riding.en));
  }
  return [...keys];
}
