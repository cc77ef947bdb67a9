import { parse } from 'csv-parse/sync';
import { ImportRefused } from './refusal';

export const MAX_ROWS = 10_000;

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

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Ordinary, non-breaking and zero-width spaces at either end go; what is inside stays as written. */
export function clean(value: string | undefined): string {
  return (value ?? '').replace(/^[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]+|[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]+$/g, '');
}

/**
 * Splits decoded text into a header and rows. CRLF, LF and CR record endings may be mixed; line
 * feeds inside quoted fields stay in the field; rows shorter or longer than the header are kept.
 */
export function readCsv(text: string): CsvTable {
  const body = text.replace(/^\ufeff/, '');
  if (CONTROL.test(body)) throw new ImportRefused('officials:refused.binary');
  if (!clean(body)) throw new ImportRefused('officials:refused.empty');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, {
      info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as typeof records;
  } catch (err) {
    throw new ImportRefused('officials:refused.unreadable', { line: Number((err as { lines?: number }).lines ?? 0) });
  }
  const [first, ...rest] = records;
  const header = first.record.map(clean);
  if (header.length === 1 && header[0].includes(';')) throw new ImportRefused('officials:refused.semicolon');
  // The parser counts physical lines: subtract the line breaks inside the quoted fields before this row.
  let inside = newlines(first.record);
  const rows = rest
    .map(({ record, info }) => {
      const breaks = newlines(record);
      const line = info.lines - breaks - inside;
      inside += breaks;
      return { line, cells: record.map(clean) };
    })
    .filter((row) => row.cells.some(Boolean));
  if (rows.length === 0) throw new ImportRefused('officials:refused.headerOnly');
  if (rows.length > MAX_ROWS) throw new ImportRefused('officials:refused.tooManyRows', { max: MAX_ROWS, rows: rows.length });
  return { header, rows };
}

function newlines(record: string[]): number {
  let n = 0;
  for (const field of record) n += (field.match(/\r\n|\n|\r/g) ?? []).length;
  return n;
}
