import type { Language } from '../i18n/i18n';
import { isLanguage } from '../i18n/i18n';
import { ActivityFilters, parseActivityFilters, parseMonth } from '../shared/filters';
import { text, today } from '../shared/validation';

export const REPORTS = ['meetings', 'coverage', 'follow-ups', 'lobbying-registry'] as const;
export type ReportName = (typeof REPORTS)[number];

export interface ReportRequest {
  report: ReportName;
  filters: ActivityFilters;
  lang: Language;
  /** Meetings only: add the notes column. */
  notes: boolean;
  /** Lobbying registry only: the month reported. */
  month?: { month: string; from: string; to: string };
}

export type ReportRequestResult = { ok: true; value: ReportRequest } | { ok: false; errors: Record<string, string> };

/** The month before today's: the one whose registry return is due by the 15th. */
export function previousMonth(day = today()): string {
  const [year, month] = day.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/**
 * Reads an export's query string. A malformed value is refused rather than ignored: a report that
 * silently dropped a filter would be wrong without anyone noticing.
 */
export function parseReportRequest(report: ReportName, query: Record<string, unknown>, userLang: Language): ReportRequestResult {
  const errors: Record<string, string> = {};
  const lang = text(query.lang) || userLang;
  if (!isLanguage(lang)) errors.lang = 'reports:errors.badLang';
  const notes = text(query.notes);
  if (notes && !['0', '1', 'on'].includes(notes)) errors.notes = 'reports:errors.badNotes';

  let filters: ActivityFilters = {};
  let month: ReportRequest['month'];
  if (report === 'lobbying-registry') {
    month = parseMonth(text(query.month) || previousMonth());
    if (!month) errors.month = 'shared:filters.badMonth';
  } else {
    const parsed = parseActivityFilters(query);
    if (parsed.ok) filters = parsed.value;
    else Object.assign(errors, parsed.errors);
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { report, filters, lang: lang as Language, notes: notes === '1' || notes === 'on', month } };
}
