import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import QueryStream from 'pg-query-stream';
import { stringify } from 'csv-stringify';
import { BULK_STATEMENT_TIMEOUT } from '../shared/statement-timeout.repo';

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
 * client went away): the embedded database has only one, and the session store needs it to finish
 * the response.
 */
export async function streamCsv(db: Knex, query: Knex.Sql | Knex.SqlNative, out: Writable, csv: CsvExport): Promise<void> {
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
  await pipeline(rows, records, text, out);
}

/** A pipeline that stopped because the client closed the connection, not because of a fault. */
export function isClientAbort(err: unknown, out: Writable): boolean {
  return (err as { code?: string })?.code === 'ERR_STREAM_PREMATURE_CLOSE' && !out.writableFinished;
}
