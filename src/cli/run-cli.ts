import { ConfigError } from '../config';
import { DatabaseLockedError } from '../db';

/** A plain message and exit code 1 for what the user can fix; the stack only for the unexpected. */
export class CliError extends Error {}

export function runCli(main: () => Promise<void>): void {
  main().catch((err) => {
    const plain = err instanceof CliError || err instanceof ConfigError || err instanceof DatabaseLockedError;
    console.error(plain ? err.message : err);
    process.exit(1);
  });
}
