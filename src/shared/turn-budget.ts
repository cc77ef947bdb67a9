import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';

/**
 * How long the requests started in one turn of the event loop may run before the next ones wait
 * for a later turn. Well under the 100 ms at which a page or a health check feels stuck.
 */
export const TURN_BUDGET_MS = 20;

/**
 * Keeps a flood of requests from holding the event loop. Node hands every request that arrived
 * together to its handlers in the same turn of the loop, and each runs without a pause until its
 * first wait: 300 anonymous requests sent at once held the loop for 180 ms, during which no database
 * reply, timer or other visitor got a look in. Once the requests of this turn have used the budget,
 * the next ones are queued and let through in later turns, in the order they came. Under ordinary
 * load the budget is never reached and nothing waits.
 */
export function turnBudget(budgetMs = TURN_BUDGET_MS): RequestHandler {
  let turnStart: number | undefined;
  const spentThisTurn = () => {
    if (turnStart === undefined) {
      turnStart = performance.now();
      setImmediate(() => { turnStart = undefined; }); // the check phase ends this turn
    }
    return performance.now() - turnStart;
  };
  // A queue with a moving head: shifting a long array would cost its length each time.
  let waiting: Array<() => void> = [];
  let head = 0;
  const drain = () => {
    while (head < waiting.length && spentThisTurn() < budgetMs) waiting[head++]();
    if (head < waiting.length) { setTimeout(drain, 0); return; }
    waiting = [];
    head = 0;
  };
  return (_req, _res, next) => {
    const queued = waiting.length - head;
    if (queued === 0 && spentThisTurn() < budgetMs) return next();
    waiting.push(() => next());
    if (queued === 0) setTimeout(drain, 0);
  };
}
