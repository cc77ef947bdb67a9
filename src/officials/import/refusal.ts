/**
 * A file the import will not take, with the catalogue key of the plain reason and its parameters.
 * Nothing is written when a file is refused.
 */
export class ImportRefused extends Error {
  constructor(
    readonly reason: string,
    readonly params: Record<string, string | number> = {},
    /** For a file of no known format: what each format would still need, closest first. */
    readonly missing: MissingColumns[] = [],
  ) {
    super(reason);
  }
}

/** A row the import leaves out, with where it is and why (a catalogue key and its parameters). */
export interface Problem {
  line: number;
  column?: string;
  reason: string;
  params?: Record<string, string | number>;
}

/** The columns one accepted format needs that a file does not have. */
export interface MissingColumns {
  format: string;
  columns: string[];
}

/** Column names as a person reads them: each in quotes, at most 30, each cut to 60 characters. */
export function quotedColumns(names: string[]): string {
  const shown = names.slice(0, 30).map((n) => `“${n.length > 60 ? `${n.slice(0, 60)}…` : n}”`);
  return shown.join(', ') + (names.length > 30 ? ', …' : '');
}
