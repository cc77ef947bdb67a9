import type { TFunction } from 'i18next';
import type { Language } from '../i18n/i18n';
import { translator } from '../i18n/i18n';
import { labelsFor } from '../vocab/labels';
import { neutralise, CsvExport } from './reports.csv';

/**
 * What a column holds, and so how its value is written: free text is neutralised, codes (status,
 * stance, …) and known parties are written in the export's language with the words the pages use
 * (src/vocab), dates and counts go out as they are.
 */
export type CellKind =
  | 'text' | 'date' | 'count' | 'yesNo' | 'status' | 'format' | 'stance' | 'level' | 'province' | 'party'
  | 'commitmentKinds' | 'followUpState' | 'registryTitle' | 'registryInstitution' | 'registryCommunication';

export interface Column {
  /** The header's key in the reports catalogue (reports:columns.<header>). */
  header: string;
  /** The SELECT expression; it may depend on the export's language (a riding's French name). */
  sql: string | ((lang: Language) => string);
  kind: CellKind;
}

/** What a row's column holds: the driver gives strings, numbers, booleans, dates and arrays of strings. */
type CellValue = string | number | boolean | Date | readonly string[] | null | undefined;
type Cell = (value: CellValue) => unknown;

function text(value: CellValue): string {
  return value === null || value === undefined ? '' : neutralise(String(value));
}

/** A code translated once per export, not once per row: every known code is looked up up front. */
function lookup(t: TFunction, prefix: string, codes: readonly string[]): Cell {
  const words = new Map(codes.map((code) => [code, t(`${prefix}.${code}`)]));
  return (value) => (value === null || value === undefined ? '' : words.get(String(value)) ?? text(value));
}

/** A code or a party in the words of the pages; what the vocabulary does not hold goes out as stored, neutralised. */
function word(label: (value: string) => string): Cell {
  return (value) => (value === null || value === undefined ? '' : neutralise(label(String(value))));
}

function cells(t: TFunction, lang: Language): Record<CellKind, Cell> {
  const vocab = labelsFor(lang);
  const kinds = word(vocab.commitment);
  const registryTitle = lookup(t, 'reports:registry.title', ['federal', 'senate']);
  const registryInstitution = lookup(t, 'reports:registry.institution', ['federal', 'senate']);
  const [yes, no, open, done] = [t('reports:values.yes'), t('reports:values.no'), t('reports:values.open'), t('reports:values.done')];
  const communication = t('reports:registry.communication');
  return {
    text,
    date: (v) => v ?? '',
    count: (v) => v ?? 0,
    yesNo: (v) => (v ? yes : no),
    status: word(vocab.status),
    format: word(vocab.format),
    stance: word(vocab.stance),
    level: word(vocab.level),
    province: word(vocab.province),
    party: word(vocab.party),
    commitmentKinds: (v) => (Array.isArray(v) ? v.map(kinds).join('; ') : ''),
    followUpState: (v) => (v ? done : open),
    registryTitle,
    registryInstitution,
    registryCommunication: () => communication,
  };
}

/** The header and the row-to-record function of an export, in `lang`. */
export function csvExport(columns: readonly Column[], lang: Language): CsvExport {
  const t = translator(lang);
  const byKind = cells(t, lang);
  const format = columns.map((c) => byKind[c.kind]);
  return {
    header: columns.map((c) => t(`reports:columns.${c.header}`)),
    // The driver's array rows hold only the scalar types of CellValue (see its comment).
    toRecord: (row) => row.map((value, i) => format[i](value as CellValue)),
  };
}

/** The SELECT list for `columns`, in their order (rows come back as arrays). */
export function selectList(columns: readonly Column[], lang: Language): string[] {
  return columns.map((c) => (typeof c.sql === 'function' ? c.sql(lang) : c.sql));
}
