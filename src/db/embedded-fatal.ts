import type { PGlite } from '@electric-sql/pglite';

/** The embedded database's engine has stopped (a PANIC, an abort): nothing more can be asked of it. */
export class EmbeddedDatabaseDied extends Error {
  /** The SQLSTATE of the PANIC or FATAL error that ended it, when it sent one (53100: the disk is full). */
  readonly code?: string;
  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

/** What PGlite's compiled PostgreSQL exposes, as far as this guard needs it. */
interface EngineModule {
  onAbort?: (what: unknown) => void;
  _PostgresMainLoopOnce: () => void;
}

/** PGlite's exit status for an ordinary ERROR (PostgreSQL's longjmp back to its main loop). */
const POSTGRES_MAIN_LONGJMP = 100;
/** Output chunks larger than this are result rows, not the one error message a PANIC sends. */
const ERROR_CHUNK_MAX = 16 * 1024;

/**
 * A PANIC (a full disk, say) aborts PGlite's WebAssembly instance. PGlite swallows the abort, and
 * the next query then spins for ever inside the engine, blocking the event loop — requests, timers
 * and SIGTERM alike. This guard notices the abort (or an exit of the engine), calls `onDeath` once,
 * and from then on refuses every call into the engine instead of entering it.
 */
export function guardEngine(pglite: PGlite, onDeath: (err: EmbeddedDatabaseDied) => void): { death(): EmbeddedDatabaseDied | undefined } {
  let death: EmbeddedDatabaseDied | undefined;
  let lastError: { severity: string; code: string; message: string } | undefined;
  const die = (cause: string) => {
    if (death) return;
    const reason = lastError && /^(PANIC|FATAL)$/.test(lastError.severity) ? `${lastError.severity}: ${lastError.message}` : cause;
    death = new EmbeddedDatabaseDied(`the embedded database stopped (${reason})`, lastError?.code);
    onDeath(death);
  };

  const engine = (pglite as unknown as { mod: EngineModule }).mod;
  const previousOnAbort = engine.onAbort;
  engine.onAbort = (what) => {
    die(`aborted: ${String(what)}`);
    previousOnAbort?.(what);
  };
  const loopOnce = engine._PostgresMainLoopOnce;
  engine._PostgresMainLoopOnce = () => {
    try {
      loopOnce();
    } catch (err) {
      if ((err as { status?: number }).status !== POSTGRES_MAIN_LONGJMP) die(String((err as Error)?.message ?? err));
      throw err;
    }
  };

  const rawSync = pglite.execProtocolRawSync.bind(pglite);
  pglite.execProtocolRawSync = (message) => {
    if (death) throw death;
    return rawSync(message);
  };
  // The socket server streams each message's answer; the last error it carried names the PANIC.
  const rawStream = pglite.execProtocolRawStream.bind(pglite);
  pglite.execProtocolRawStream = (message, options) => {
    lastError = undefined;
    return rawStream(message, {
      ...options,
      onRawData: (data) => {
        if (data.length <= ERROR_CHUNK_MAX) lastError = errorIn(data) ?? lastError;
        options.onRawData(data);
      },
    });
  };
  // Asked when a client goes: after an abort it must not lead to a ROLLBACK into the dead engine.
  const inTransaction = pglite.isInTransaction.bind(pglite);
  pglite.isInTransaction = () => !death && inTransaction();
  return { death: () => death };
}

/** The first ErrorResponse in a chunk of protocol output (messages start at the chunk's start). */
function errorIn(data: Uint8Array): { severity: string; code: string; message: string } | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let at = 0; at + 5 <= data.length; ) {
    const length = view.getInt32(at + 1);
    if (length < 4 || at + 1 + length > data.length) return undefined;
    if (data[at] === 0x45 /* E */) return errorFields(data.subarray(at + 5, at + 1 + length));
    at += 1 + length;
  }
  return undefined;
}

function errorFields(body: Uint8Array): { severity: string; code: string; message: string } {
  const fields: Record<string, string> = {};
  const text = new TextDecoder();
  for (let at = 0; at < body.length && body[at] !== 0; ) {
    const end = body.indexOf(0, at + 1);
    if (end < 0) break;
    fields[String.fromCharCode(body[at])] = text.decode(body.subarray(at + 1, end));
    at = end + 1;
  }
  return { severity: fields.V ?? fields.S ?? '', code: fields.C ?? '', message: fields.M ?? '' };
}
