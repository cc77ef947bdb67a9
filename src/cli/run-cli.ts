import { ConfigError } from '../config';
import { DatabaseLockedError } from '../db';
import { translator } from '../i18n/i18n';
import { isDatabaseUnavailable } from '../shared/errors';

/** A plain message and exit code 1 for what the user can fix; the stack only for the unexpected. */
export class CliError extends Error {}

export function runCli(main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(plainMessage(err) ?? err);
    process.exit(1);
  });
}

/** The one line to print for a failure that is not a bug: a refusal, a configuration, the database gone. */
function plainMessage(err: unknown): string | undefined {
  if (err instanceof CliError || err instanceof ConfigError || err instanceof DatabaseLockedError) return err.message;
  if (isDatabaseUnavailable(err)) {
    const e = err as { message?: string; code?: string };
    // An AggregateError (every address of the host refused) has no message of its own, only a code.
    return translator('en')('cli:databaseUnavailable', { reason: e.message || e.code });
  }
  return undefined;
}
