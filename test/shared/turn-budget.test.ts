import type { Request, Response } from 'express';
import { turnBudget } from '../../src/shared/turn-budget';

/** Holds the thread for `ms`, as a request's synchronous work does. */
function busy(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* working */ }
}

describe('a flood of requests arriving together', () => {
  test('is let through a few per turn of the event loop, in the order it came, so that timers and I/O run between', async () => {
    const budget = turnBudget(5);
    let turnNo = 0;
    let ticking = true;
    const tick = () => setImmediate(() => { turnNo += 1; if (ticking) tick(); });
    tick();
    const served: { i: number; turn: number }[] = [];
    const all = new Promise<void>((resolve) => {
      for (let i = 0; i < 60; i += 1) {
        budget({} as Request, {} as Response, () => {
          served.push({ i, turn: turnNo });
          busy(1);
          if (served.length === 60) resolve();
        });
      }
    });
    await all;
    ticking = false;
    expect(served.map((s) => s.i)).toEqual([...Array(60).keys()]);
    const perTurn = new Map<number, number>();
    for (const s of served) perTurn.set(s.turn, (perTurn.get(s.turn) ?? 0) + 1);
    expect(perTurn.size).toBeGreaterThanOrEqual(8);
    expect(Math.max(...perTurn.values())).toBeLessThanOrEqual(7);
  });

  test('under ordinary load nothing waits', () => {
    const budget = turnBudget(50);
    let served = 0;
    for (let i = 0; i < 10; i += 1) budget({} as Request, {} as Response, () => { served += 1; });
    expect(served).toBe(10);
  });
});
