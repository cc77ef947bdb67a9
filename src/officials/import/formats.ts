import { fold } from '../../shared/fold';
import { ImportRefused, MissingColumns, quotedColumns } from './refusal';

export type FormatName = 'commons_en' | 'commons_fr' | 'represent' | 'ontario' | 'template';

/** The columns each format is recognised by (as written in its header), and those it may have. */
export const FORMATS: Record<FormatName, { required: string[]; optional: string[] }> = {
  commons_en: {
    required: ['Honorific Title', 'First Name', 'Last Name', 'Constituency', 'Province / Territory', 'Political Affiliation', 'Start Date', 'End Date'],
    optional: [],
  },
  commons_fr: {
    required: ['Titre honorifique', 'Prénom', 'Nom de famille', 'Circonscription', 'Province / Territoire', 'Affiliation politique', 'Date de début', 'Date de fin'],
    optional: [],
  },
  represent: {
    required: ['District name', 'Primary role', 'Name'],
    optional: ['First name', 'Last name', 'Party name', 'Email', 'Organization'],
  },
  ontario: {
    required: ['First name', 'Last name', 'Office type', 'Riding name', 'Member ID'],
    optional: ['Honorific', 'Gender', 'Address', 'City', 'Province', 'Postal code', 'Office email', 'Email', 'Telephone', 'Fax', 'Toll-free', 'TTY', 'Party', 'Parliamentary role'],
  },
  template: {
    required: ['first_name', 'last_name', 'constituency'],
    optional: ['honorific', 'constituency_fr', 'province', 'party', 'email', 'phone', 'start_date', 'end_date'],
  },
};

/** Checked in this order: the House of Commons export also has "First Name" and "Constituency". */
const ORDER: FormatName[] = ['commons_en', 'commons_fr', 'represent', 'ontario', 'template'];

/** Where each known column of the recognised format is in the header. */
export interface Layout {
  format: FormatName;
  column: (name: string) => number;
  /** Represent: the position of each "Office type" column (Address, Phone, Fax follow it). */
  offices: number[];
}

/**
 * Recognises the format from the header (case, accents, spaces and underscores folded). Extra
 * columns are ignored; a known column given twice, or data under a nameless column, is refused.
 */
export function detectFormat(header: string[]): Layout {
  const folded = header.map(fold);
  const format = ORDER.find((f) => FORMATS[f].required.every((c) => folded.includes(fold(c))));
  if (!format) throw unknownFormat(header, folded);
  for (const name of [...FORMATS[format].required, ...FORMATS[format].optional]) {
    if (folded.filter((h) => h === fold(name)).length > 1) throw new ImportRefused('officials:refused.duplicateColumn', { column: name });
  }
  const positions = new Map<string, number>();
  return {
    format,
    // Asked for each cell of each row: folded once per name, not 100,000 times per file.
    column: (name) => {
      let at = positions.get(name);
      if (at === undefined) positions.set(name, (at = folded.indexOf(fold(name))));
      return at;
    },
    offices: folded.flatMap((h, i) => (h === 'office type' ? [i] : [])),
  };
}

/** Data under a column with no name cannot be placed: refused rather than guessed. */
export function checkNamelessColumns(header: string[], rows: { cells: string[] }[]): void {
  header.forEach((name, i) => {
    if (!name && rows.some((r) => r.cells[i])) throw new ImportRefused('officials:refused.emptyColumn', { position: i + 1 });
  });
}

/** Names the columns found and, for each format, the columns it needs that are missing. */
function unknownFormat(header: string[], folded: string[]): ImportRefused {
  const missing: MissingColumns[] = ORDER
    .map((format) => ({ format, columns: FORMATS[format].required.filter((c) => !folded.includes(fold(c))) }))
    .sort((a, b) => a.columns.length - b.columns.length);
  const found = header.filter(Boolean);
  return new ImportRefused('officials:refused.unknownFormat', { found: found.length ? quotedColumns(found) : '—' }, missing);
}
