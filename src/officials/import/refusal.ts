/**
 * A file the import will not take, with the catalogue key of the plain reason and its parameters.
 * Nothing is written when a file is refused.
 */
export class ImportRefused extends Error {
  constructor(
    readonly reason: string,
    readonly params: Record<string, string | number> = {},
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
