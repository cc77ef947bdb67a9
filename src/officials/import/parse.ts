import { fold } from '../../shared/fold';
import { decode, Encoding } from './decode';
import { CsvRow, readCsv } from './csv';
import { checkNamelessColumns, detectFormat, FormatName, Layout } from './formats';
import { identityKey } from './identity';
import { ImportRefused, Problem } from './refusal';
import { scopeMismatch } from '../jurisdictions';
import { OTHER_BODY, roleScope, readRepresentRow } from './represent';
import { federalRiding } from './reference';
import type { Level } from '../../shared/levels';
import { readOntarioRows, VacantSeat } from './ontario';
import { ImportRow, readColumnsRow, RowResult, Scope } from './rows';
import { inTurns } from './turns';

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
export async function parseFile(bytes: Buffer, options: ImportOptions): Promise<ParsedFile> {
  const { text, encoding } = await decode(bytes);
  const table = await readCsv(text);
  const layout = detectFormat(table.header);
  checkNamelessColumns(table.header, table.rows);
  const scope = resolveScope(layout, table.rows, options);
  const { results, vacant } = await readRows(table.rows, layout, scope);
  const rows: ImportRow[] = [];
  const problems: Problem[] = [];
  const named = new Set<string>();
  const seatAt = layout.column(SEAT_COLUMN[layout.format]);
  for await (const raw of inTurns(table.rows)) nameSeat(named, raw.cells[seatAt] ?? '');
  for (const result of results) {
    if ('row' in result) rows.push(result.row);
    else problems.push(...result.problems);
  }
  refuseIfAllOtherBody(rows, problems, scope);
  const unique = withoutSharedIdentifiers(await withoutDuplicateSeats(rows, problems, layout));
  // A vacant seat is named by the file, but nobody sits in it: whoever the tracker has there is not "missing".
  const vacantSeats = new Set(vacant.map((v) => fold(v.constituency)));
  return {
    format: layout.format, encoding, scope, rows: unique, problems: problems.sort((a, b) => a.line - b.line),
    total: table.rows.length, named: [...named].filter((k) => !vacantSeats.has(k)), vacant,
  };
}

/** Ontario's list has a row per office, so its rows are read together; the others one by one. */
async function readRows(rows: CsvRow[], layout: Layout, scope: Scope): Promise<{ results: RowResult[]; vacant: VacantSeat[] }> {
  if (layout.format === 'ontario') return readOntarioRows(rows, layout, scope);
  const read = layout.format === 'represent' ? readRepresentRow : readColumnsRow;
  const results: RowResult[] = [];
  for await (const row of inTurns(rows)) results.push(read(row, layout, scope));
  return { results, vacant: [] };
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
 * A seat named on many rows lists its first few lines and how many more: every row's problem
 * carrying every line would grow with the square of the rows (10,000 rows, 145 MB).
 */
async function withoutDuplicateSeats(rows: ImportRow[], problems: Problem[], layout: Layout): Promise<ImportRow[]> {
  const bySeat = new Map<string, ImportRow[]>();
  for await (const row of inTurns(rows)) {
    if (row.end_date) continue;
    const key = fold(row.constituency);
    const same = bySeat.get(key);
    if (same) same.push(row);
    else bySeat.set(key, [row]);
  }
  const dropped = new Set<ImportRow>();
  const column = SEAT_COLUMN[layout.format];
  for (const same of bySeat.values()) {
    if (same.length < 2) continue;
    const { reason, params } = seatLines(same);
    for (const row of same) {
      dropped.add(row);
      problems.push({ line: row.line, column, reason, params: { ...params, constituency: row.constituency } });
    }
  }
  return rows.filter((r) => !dropped.has(r));
}

/** Lines listed in full up to this many rows; beyond, the first LINES_SHOWN and a count. */
const LINES_LISTED = 5;
const LINES_SHOWN = 3;

function seatLines(same: ImportRow[]): Pick<Problem, 'reason' | 'params'> {
  if (same.length <= LINES_LISTED) return { reason: 'officials:problems.duplicateSeat', params: { lines: same.map((r) => r.line).join(', ') } };
  const lines = same.slice(0, LINES_SHOWN).map((r) => r.line).join(', ');
  return { reason: 'officials:problems.duplicateSeatMany', params: { lines, rows: same.length, more: same.length - LINES_SHOWN } };
}

/** An identifier several rows share (a listing page's address) identifies no one: it is dropped. */
function withoutSharedIdentifiers(rows: ImportRow[]): ImportRow[] {
  const seen = new Map<string, number>();
  for (const row of rows) {
    const key = identityKey(row.external_id);
    if (key) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return rows.map((row) => {
    const key = identityKey(row.external_id);
    return key && seen.get(key)! > 1 ? { ...row, external_id: null } : row;
  });
}

const SEAT_COLUMN: Record<FormatName, string> = {
  commons_en: 'Constituency', commons_fr: 'Circonscription', represent: 'District name', ontario: 'Riding name', template: 'constituency',
};

/**
 * Every seat the file names, even on rows left out: a sitting official is "missing from the file"
 * only when no row names their seat, so a row with a typo in its date never ends anyone.
 */
function nameSeat(keys: Set<string>, name: string): void {
  keys.add(fold(name));
  const riding = federalRiding(name);
  if (riding) keys.add(fold(riding.en));
}
