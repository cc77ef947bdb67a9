import { performance } from 'node:perf_hooks';

/**
 * An import reads up to 5 MB and 10,000 rows: done in one go it would hold up every other request
 * for a second or more. Its loops give the event loop a turn whenever they have run for a slice of
 * time instead, however fast or loaded the machine is.
 */

/** How long a loop may run before it lets timers and I/O in: well under the 100 ms that feels stuck. */
export const SLICE_MS = 10;

let lastTurn = performance.now();

/** Lets timers and I/O run before going on (a resolved promise would not: it runs before them). */
export const turn = () => new Promise<void>((resolve) => setImmediate(() => { lastTurn = performance.now(); resolve(); }));

/** A turn of the event loop if the work since the last has run for a slice, else nothing. */
export async function turnIfDue(): Promise<void> {
  if (performance.now() - lastTurn > SLICE_MS) await turn();
}

/** The items, with a turn of the event loop whenever the loop has run for a slice since the last. */
export async function* inTurns<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) {
    yield item;
    await turnIfDue();
  }
}

const isPlain = (v: unknown): v is object => typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/**
 * JSON.stringify, giving the event loop its turns: the plan of a 10,000-row import is several
 * megabytes of JSON, about 80 ms in one piece. Arrays and objects are written member by member; an
 * object of plain values (a row) in one go. The text is the same as JSON.stringify's.
 */
export async function stringifyInTurns(value: unknown): Promise<string> {
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for await (const item of inTurns(value as unknown[])) parts.push(isPlain(item) ? await stringifyInTurns(item) : JSON.stringify(item ?? null));
    return `[${parts.join(',')}]`;
  }
  if (!isPlain(value)) return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (!entries.some(([, v]) => isPlain(v))) return JSON.stringify(value);
  const parts: string[] = [];
  for (const [key, v] of entries) parts.push(`${JSON.stringify(key)}:${await stringifyInTurns(v)}`);
  return `{${parts.join(',')}}`;
}
