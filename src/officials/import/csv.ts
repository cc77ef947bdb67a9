import { parse } from 'csv-parse';
import { trimmer } from '../../shared/trim';
import { ImportRefused } from './refusal';
import { turnIfDue } from './turns';

export const MAX_ROWS = 10_000;
/** Represent's widest lists have a few dozen columns; a million would make every later step slow. */
export const MAX_COLUMNS = 1_000;

/**
 * One data row of the file, with its row number as a spreadsheet shows it (the header being row 1;
 * a quoted field with line breaks is one row, a blank line is a row).
 */
export interface CsvRow {
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

// Zero-width space, non-joiner, joiner and word joiner: spreadsheets leave them around cells.
const trimCell = trimmer([0x200b, 0x200c, 0x200d, 0x2060]);

/**
 * Ordinary, non-breaking and zero-width spaces at either end go; what is inside stays as written.
 * In linear time: the whole body goes through here too (see trim.ts).
 */
export function clean(value: string | undefined): string {
  return trimCell(value ?? '');
}

/** Anything but the spaces `clean` takes off: a file without one is empty. One class, no repetition: linear. */
// eslint-disable-next-line no-misleading-character-class -- each invisible character stands alone; none is meant to join.
const VISIBLE = /[^\s\u00a0\u200b\u200c\u200d\u2060\ufeff]/;

const OPTIONS = {
  relax_column_count: true, relax_quotes: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'],
};

/**
 * Text handed to the parser at a time; the event loop gets a turn once the pieces have run for a
 * slice (turns.ts). What costs is the number of records, not of characters: csv-parse builds an
 * error object (a stack trace and two JSON copies) for every record shorter than the header, even
 * when told to accept them, so 4 KiB of `a,` lines once took 70 ms. 1 KiB holds at most about 500
 * records, a few milliseconds.
 */
export const PIECE = 1024;

/**
 * Splits decoded text into a header and rows. CRLF, LF and CR record endings may be mixed; line
 * feeds inside quoted fields stay in the field; rows shorter or longer than the header are kept.
 * The text is parsed a piece at a time with a turn of the event loop in between, so that a 5 MB
 * file never holds up other requests; parsing stops at the row past the limit, so that a file of
 * a million tiny rows costs no more than one of 10,001.
 */
export async function readCsv(text: string): Promise<CsvTable> {
  const body = text.replace(/^\ufeff/, '');
  if (!VISIBLE.test(body)) throw new ImportRefused('officials:refused.empty');
  let header: string[] | undefined;
  let wide = false;
  const rows: CsvRow[] = [];
  // The parser counts physical lines: a row's number leaves out the line breaks inside quoted fields before it.
  let inside = 0;
  await eachRecord(body, (record, lines) => {
    const breaks = newlines(record);
    const line = lines - breaks - inside;
    inside += breaks;
    if (!header) {
      wide = record.length > MAX_COLUMNS;
      header = wide ? [] : record.map(clean);
      return !wide;
    }
    // Cells past the header's last column are never read: they are only looked at for text.
    const cells = (record.length > header.length ? record.slice(0, header.length) : record).map(clean);
    if (cells.some(Boolean) || hasTextFrom(record, header.length)) rows.push({ line, cells });
    return rows.length <= MAX_ROWS;
  });
  if (!header) throw new ImportRefused('officials:refused.empty');
  if (wide) throw new ImportRefused('officials:refused.tooManyColumns', { max: MAX_COLUMNS });
  if (header.length === 1 && header[0].includes(';')) throw new ImportRefused('officials:refused.semicolon');
  if (rows.length === 0) throw new ImportRefused('officials:refused.headerOnly');
  if (rows.length > MAX_ROWS) throw new ImportRefused('officials:refused.tooManyRows', { max: MAX_ROWS });
  return { header, rows };
}

function hasTextFrom(record: string[], from: number): boolean {
  for (let i = from; i < record.length; i++) if (VISIBLE.test(record[i])) return true;
  return false;
}

/**
 * Feeds the text to csv-parse's streaming parser a piece at a time and hands each record, with
 * the line its parsing ended on, to `take` until it returns false (then the rest is never parsed).
 * Records are taken in `on_record`, not read from the stream, so that nothing queues up in it.
 * Each piece is checked for control characters before it is parsed.
 */
async function eachRecord(body: string, take: (record: string[], lines: number) => boolean): Promise<void> {
  let wanted = true;
  let failure: unknown;
  const parser = parse({
    ...OPTIONS,
    on_record: (record: string[], info: { lines: number }) => {
      if (wanted) wanted = take(record, info.lines);
      return null;
    },
  });
  parser.on('error', (err) => { failure ??= err; });
  const finished = new Promise<void>((resolve) => parser.on('finish', resolve).on('close', resolve));
  let binary = false;
  for (let at = 0; at < body.length && wanted && failure === undefined && !binary;) {
    const piece = body.slice(at, (at = pieceEnd(body, at)));
    binary = CONTROL.test(piece);
    if (!binary) parser.write(piece);
    await turnIfDue();
  }
  if (wanted && failure === undefined && !binary) parser.end();
  else parser.destroy();
  await finished;
  if (binary) throw new ImportRefused('officials:refused.binary');
  if (failure !== undefined) throw new ImportRefused('officials:refused.unreadable', { line: Number((failure as { lines?: number }).lines ?? 0) });
}

/** Where the piece from `at` ends: never between the two halves of a surrogate pair (an emoji, say). */
function pieceEnd(body: string, at: number): number {
  const end = Math.min(at + PIECE, body.length);
  const code = body.charCodeAt(end - 1);
  return end < body.length && code >= 0xd800 && code <= 0xdbff ? end + 1 : end;
}

function newlines(record: string[]): number {
  let n = 0;
  for (const field of record) if (field.includes('\n') || field.includes('\r')) n += (field.match(/\r\n|\n|\r/g) ?? []).length;
  return n;
}
