import { finished, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import QueryStream from 'pg-query-stream';
import { stringify } from 'csv-stringify';
import { BULK_STATEMENT_TIMEOUT } from '../db/statement-timeout.repo';

/**
 * A spreadsheet runs a cell that begins with one of these as a formula (CSV injection); the full-width
 * forms are folded to the ASCII ones by some spreadsheets, so they count too.
 */
const FORMULA_START = /^[=+\-@\t\r\n\0\uff1d\uff0b\uff0d\uff20]/;

/** Text a spreadsheet will show as text: a formula-like cell gets a leading single quote. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** How one database row (an array, in the SELECT's column order) becomes one CSV record. */
export type RowMapper = (row: unknown[]) => unknown[];

export interface CsvExport {
  /** The header record, in plain words. */
  header: string[];
  toRecord: RowMapper;
}

/** Rows fetched per round trip: large enough to keep up with COPY, small enough to keep memory flat. */
const BATCH_SIZE = 500;

interface PooledClient {
  query(q: QueryStream): QueryStream;
  query(sql: string): Promise<unknown>;
}

/**
 * Streams a query's rows as RFC 4180 CSV (UTF-8 with a byte-order mark, CRLF) into `out`, from a
 * server-side cursor, so that memory stays flat and the first bytes leave before the last row is read.
 * The connection goes back to the pool as soon as the cursor is exhausted, fails or is abandoned (the
 * client went away, or stopped reading for `stallTimeoutMs`: see writeAll): the embedded database has
 * only one, and the session store needs it to finish the response.
 */
export async function streamCsv(db: Knex, query: Knex.Sql | Knex.SqlNative, out: Writable, csv: CsvExport,
  stallTimeoutMs = DEFAULT_STALL_TIMEOUT_MS): Promise<void> {
  const { sql, bindings } = 'toNative' in query ? query.toNative() : query;
  const client = db.client as { acquireConnection(): Promise<PooledClient>; releaseConnection(c: PooledClient): Promise<void> };
  const connection = await client.acquireConnection();
  // Outside a transaction, so for the connection (see BULK_STATEMENT_TIMEOUT), and reset before it
  // goes back to the pool; a connection that failed is destroyed by the pool instead (PgClient).
  const release = () => connection.query('RESET statement_timeout').catch(() => undefined).finally(() => client.releaseConnection(connection));
  let rows: QueryStream;
  try {
    await connection.query(`SET statement_timeout = '${BULK_STATEMENT_TIMEOUT}'`);
    rows = connection.query(new QueryStream(sql, bindings as unknown[], { batchSize: BATCH_SIZE, rowMode: 'array' }));
  } catch (err) {
    await release();
    throw err;
  }
  rows.once('close', () => void release());

  const records = new Transform({
    objectMode: true,
    transform(row: unknown[], _encoding, done) {
      done(null, csv.toRecord(row));
    },
  });
  records.push(csv.header);
  const text = stringify({ bom: true, record_delimiter: 'windows', cast: { boolean: (v) => (v ? '1' : '0') } });
  await pipeline(rows, records, text, (source: AsyncIterable<Buffer | string>) => writeAll(source, out, stallTimeoutMs));
}

/** How long a client may leave an export's bytes unread before it is cut off (config: EXPORT_STALL_TIMEOUT_MS). */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;

/** The client stopped reading: the response was destroyed so that the cursor's connection goes back. */
export class StalledDownloadError extends Error {
  readonly code = 'ERR_EXPORT_STALLED';
}

function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

/**
 * Writes the CSV into `out`, waiting for each backpressured write to drain. A client that opens an
 * export and does not read would otherwise hold its connection for ever (twelve such clients once
 * held the whole pool): a write still not drained after `stallMs` destroys the response, and the
 * pipeline then closes the cursor and releases its connection. A slow reader is not cut off: each
 * drain starts the wait again.
 */
async function writeAll(source: AsyncIterable<Buffer | string>, out: Writable, stallMs: number): Promise<void> {
  for await (const chunk of source) {
    if (out.destroyed) throw prematureClose();
    if (!out.write(chunk)) await drained(out, stallMs);
  }
  out.end();
  await new Promise<void>((resolve, reject) => finished(out, (err) => (err ? reject(err) : resolve())));
}

function drained(out: Writable, stallMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      clearTimeout(timer);
      out.off('drain', onDrain);
      out.off('close', onClose);
      if (err) reject(err); else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(prematureClose());
    const timer = setTimeout(() => {
      settle(new StalledDownloadError(`the client read nothing for ${stallMs} ms`));
      out.destroy();
    }, stallMs);
    out.once('drain', onDrain);
    out.once('close', onClose);
    if (out.destroyed) onClose();
  });
}

/** A pipeline that stopped because the client closed the connection or stopped reading, not because of a fault. */
export function isClientAbort(err: unknown, out: Writable): boolean {
  if (err instanceof StalledDownloadError) return true;
  return (err as { code?: string })?.code === 'ERR_STREAM_PREMATURE_CLOSE' && !out.writableFinished;
}
