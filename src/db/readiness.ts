/** What /readyz answers when the database's check takes longer than its time. */
export type WhenSlow = 'unready' | 'last-known';

export interface ReadinessOptions {
  timeoutMs: number;
  whenSlow: WhenSlow;
  /** A result this recent is answered again without a new check, so that a flood of probes costs one. */
  freshMs?: number;
}

/**
 * Whether the database answers, within `timeoutMs` whatever the database does, so that a load
 * balancer can take the instance out instead of waiting with everyone else. One check at a time:
 * callers meanwhile share it. Slower than `timeoutMs`: not ready (a real PostgreSQL, checked on a
 * connection of its own, is not answering), or the last known state (the embedded database's one
 * connection is busy, with an import say, and will answer when it is done).
 */
export function readinessCheck(check: () => Promise<unknown>, { timeoutMs, whenSlow, freshMs = 1000 }: ReadinessOptions): () => Promise<boolean> {
  let lastKnown = true;
  let checkedAt = -Infinity;
  let inFlight: Promise<boolean> | undefined;
  return () => {
    if (!inFlight && Date.now() - checkedAt < freshMs) return Promise.resolve(lastKnown);
    inFlight ??= check().then(() => true, () => false).then((ready) => {
      [lastKnown, checkedAt, inFlight] = [ready, Date.now(), undefined];
      return ready;
    });
    let timer: NodeJS.Timeout;
    const slow = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(whenSlow === 'last-known' && lastKnown), timeoutMs); });
    return Promise.race([inFlight, slow]).finally(() => clearTimeout(timer));
  };
}
