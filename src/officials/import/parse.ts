import { fold } from '../../shared/fold';
import { decode, Encoding } from './decode';
import { CsvRow, readCsv } from './csv';
import { checkNamelessColumns, detectFormat, FormatName, Layout } from './formats';
import { identityKey } from './identity';
import { ImportRefused, Problem } from './refusal';
import { scopeMismatch } from '../jurisdictions';
import { OTHER_BODY, roleScope, readRepresentRow } from './represent';
import { federalRiding } from './reference';
import type { Level } from '../../vocab/vocab';
import { readOntarioRows, VacantSeat } from './ontario';
import { ImportRow, readColumnsRow, RowResult, Scope } from './rows';
import { BodyRows, splitByOrganization } from './bodies';
import { inTurns } from './turns';

export interface ImportOptions {
  level?: Level;
  jurisdiction?: string;
}

/** What a file holds for one body (the House of Commons, a legislature, a council). */
export interface FileBody {
  scope: Scope;
  /** A council: its city as the file spells it ("Montréal"), which names the council on every page. */
  city?: string;
  rows: ImportRow[];
  /** The folded seat of every row of the body, accepted or not. */
  named: string[];
  /** Seats the file lists as vacant (Ontario's "Vacant seat" rows). */
  vacant: VacantSeat[];
  /** Rows of the file for this body, accepted or not. */
  total: number;
}

export interface ParsedFile {
  format: FormatName;
  encoding: Encoding;
  /** One body for most files; a Represent download with an Organization column may hold many. */
  bodies: FileBody[];
  problems: Problem[];
  /** Rows in the file, accepted or not. */
  total: number;
}

/**
 * Bytes to clean rows: decode, split, recognise the format, find the body (or bodies) the rows are
 * for, read each row, find duplicate seats within each body.
 */
export async function parseFile(bytes: Buffer, options: ImportOptions): Promise<ParsedFile> {
  const { text, encoding } = await decode(bytes);
  const table = await readCsv(text);
  const layout = detectFormat(table.header);
  checkNamelessColumns(table.header, table.rows);
  const split = options.jurisdiction ? undefined : await splitByOrganization(layout, table.rows, options.level);
  if (split && !split.bodies.length) refuseNoBody(split.problems);
  const groups: BodyRows[] = split?.bodies ?? [{ scope: resolveScope(layout, table.rows, options), rows: table.rows }];
  const problems: Problem[] = [...(split?.problems ?? [])];
  const bodies: FileBody[] = [];
  for (const group of groups) bodies.push(await readBody(group, layout, problems));
  if (!split) refuseIfAllOtherBody(bodies[0].rows, problems, bodies[0].scope);
  return {
    format: layout.format, encoding, bodies: withoutSharedIdentifiers(bodies), problems: problems.sort((a, b) => a.line - b.line), total: table.rows.length,
  };
}

/** One body's rows read, their problems added to `problems`, two rows for one seat left out. */
async function readBody(group: BodyRows, layout: Layout, problems: Problem[]): Promise<FileBody> {
  const { results, vacant } = await readRows(group.rows, layout, group.scope);
  const rows: ImportRow[] = [];
  const named = new Set<string>();
  const seatAt = layout.column(SEAT_COLUMN[layout.format]);
  for await (const raw of inTurns(group.rows)) nameSeat(named, raw.cells[seatAt] ?? '');
  for (const result of results) {
    if ('row' in result) rows.push(result.row);
    else problems.push(...result.problems);
  }
  // A vacant seat is named by the file, but nobody sits in it: the plan ends whoever the tracker has there.
  const vacantSeats = new Set(vacant.map((v) => fold(v.constituency)));
  return {
    scope: group.scope, city: group.city, rows: await withoutDuplicateSeats(rows, problems, layout),
    named: [...named].filter((k) => !vacantSeats.has(k)), vacant, total: group.rows.length,
  };
}

/** A file none of whose rows names a body the import knows is refused in one sentence. */
function refuseNoBody(problems: Problem[]): never {
  throw new ImportRefused('officials:refused.noKnownBody', { value: String(problems[0]?.params?.value ?? '') });
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
    throw new ImportRefused('officials:refused.notThatLevel', {});
  }
  const level = options.level ?? guess.level ?? 'federal';
  const jurisdiction = options.jurisdiction ?? (level === guess.level ? guess.jurisdiction : undefined)
    ?? (level === 'federal' || level === 'senate' ? 'ca' : undefined);
  if (!jurisdiction) throw new ImportRefused('officials:refused.needJurisdiction', { level });
  if (layout.format.startsWith('commons') && jurisdiction !== 'ca') throw new ImportRefused('officials:refused.notThatLevel', {});
  const mismatch = scopeMismatch(level, jurisdiction);
  if (mismatch) throw new ImportRefused(mismatch, { level, jurisdiction }); // named as a body, never as its id
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
function withoutSharedIdentifiers(bodies: FileBody[]): FileBody[] {
  const seen = new Map<string, number>();
  for (const body of bodies) {
    for (const row of body.rows) {
      const key = identityKey(row.external_id);
      if (key) seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  return bodies.map((body) => ({
    ...body,
    rows: body.rows.map((row) => {
      const key = identityKey(row.external_id);
      return key && seen.get(key)! > 1 ? { ...row, external_id: null } : row;
    }),
  }));
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
