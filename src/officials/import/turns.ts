/**
 * An import reads up to 5 MB and 10,000 rows: done in one go it would hold up every other request
 * for a second or more. Its loops give the event loop a turn every few hundred items instead.
 */

/** Lets timers and I/O run before going on (a resolved promise would not: it runs before them). */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Items handled between two turns: a few milliseconds of reading or matching rows. */
export const ITEMS_PER_TURN = 250;

/** The items, with a turn of the event loop after every `per` of them. */
export async function* inTurns<T>(items: Iterable<T>, per = ITEMS_PER_TURN): AsyncGenerator<T> {
  let n = 0;
  for (const item of items) {
    yield item;
    if (++n % per === 0) await turn();
  }
}
