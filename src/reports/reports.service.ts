import type { Writable } from 'node:stream';
import type { Knex } from 'knex';
import { recordAudit } from '../shared/audit.repo';
import { today } from '../shared/validation';
import { streamCsv } from './reports.csv';
import { csvExport } from './reports.format';
import { MEETING_COLUMNS, NOTES_COLUMN, COVERAGE_COLUMNS, FOLLOW_UP_COLUMNS, REGISTRY_COLUMNS } from './reports.columns';
import { coverageQuery, followUpsQuery, meetingsQuery, registryQuery } from './reports.repo';
import type { ReportRequest } from './reports.validate';

function plan(db: Knex, r: ReportRequest) {
  switch (r.report) {
    case 'meetings':
      return { query: meetingsQuery(db, r.filters, r.lang, r.notes), columns: r.notes ? [...MEETING_COLUMNS, NOTES_COLUMN] : MEETING_COLUMNS };
    case 'coverage':
      return { query: coverageQuery(db, r.filters, r.lang), columns: COVERAGE_COLUMNS };
    case 'follow-ups':
      return { query: followUpsQuery(db, r.filters, r.lang), columns: FOLLOW_UP_COLUMNS };
    case 'lobbying-registry':
      return { query: registryQuery(db, r.month!, r.lang), columns: REGISTRY_COLUMNS };
  }
}

/** The download's file name: the report, the month reported if any, and the day it was made. */
export function reportFileName(r: ReportRequest, day = today()): string {
  return [r.report, r.month?.month, day].filter(Boolean).join('-') + '.csv';
}

/**
 * Writes the audit event (who exported what, with which filters), then streams the report into
 * `out`. The event comes first: the stream holds a connection until its last row is read.
 */
export async function exportReport(db: Knex, userId: number, r: ReportRequest, out: Writable, stallTimeoutMs?: number): Promise<void> {
  await recordAudit(db, {
    user_id: userId, action: 'export', entity: 'report',
    changes: { report: r.report, filters: r.filters, lang: r.lang, notes: r.notes, month: r.month?.month ?? null },
  });
  const { query, columns } = plan(db, r);
  await streamCsv(db, query.toSQL(), out, csvExport(columns, r.lang), stallTimeoutMs);
}
