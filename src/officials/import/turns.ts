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

/** The items, with a turn of the event loop whenever the loop has run for a slice since the last. */
export async function* inTurns<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) {
    yield item;
    if (performance.now() - lastTurn > SLICE_MS) await turn();
  }
}
