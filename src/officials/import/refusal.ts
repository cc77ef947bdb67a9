/**
 * A file the import will not take, with the catalogue key of the plain reason and its parameters.
 * Nothing is written when a file is refused.
 */
export class ImportRefused extends Error {
  readonly params: Record<string, string | number>;

  constructor(
    readonly reason: string,
    params: Record<string, string | number> = {},
    /** For a file of no known format: what each format would still need, closest first. */
    readonly missing: MissingColumns[] = [],
  ) {
    super(reason);
    // A value quoted from the file (a role, say) may be a whole 5 MB cell: the page shows its start.
    this.params = shortParams(params);
  }
}

/** A row the import leaves out, with where it is and why (a catalogue key and its parameters). */
export interface Problem {
  line: number;
  column?: string;
  reason: string;
  params?: Record<string, string | number>;
}

/** Problems stored with a batch: the page lists the first 200; the CLI prints what is stored. */
export const MAX_STORED_PROBLEMS = 500;

/** Characters of a value from the file quoted in a message. */
const MAX_QUOTED = 200;

/**
 * What a batch keeps of its problems: the first few hundred, each quoting at most the start of a
 * value, so that the batch row stays small whatever the file (the total is kept beside them).
 */
export function problemsToStore(problems: Problem[]): Problem[] {
  return problems.slice(0, MAX_STORED_PROBLEMS).map((p) => (p.params ? { ...p, params: shortParams(p.params) } : p));
}

function shortParams(params: Record<string, string | number>): Record<string, string | number> {
  const short: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    short[key] = typeof value === 'string' && value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
  }
  return short;
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
