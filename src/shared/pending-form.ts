import type { Request } from 'express';

/**
 * Fields that decide who may do what (a role, a local, an account or a campaign switched on) are
 * never kept nor put back: a kept form only spares a member retyping, and these must be chosen again
 * on the form as the record now has them, so that no one can be led to save them unawares.
 */
const NEVER_KEPT = /^(_csrf|role|local|local_id|active)$|password/i;

const MAX_KEPT_CHARS = 100_000;

const keepable = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter(([key]) => !NEVER_KEPT.test(key)));

/**
 * A form posted after the session expired is kept (not acted on) in a new session, so that after
 * signing in again the member finds the form as they left it. Forms post to the URL that shows them.
 * The guard in auth-guards.ts calls this only for a same-origin post that carried an expired
 * session's cookie; anyone else is refused and costs nothing.
 */
export function keepPendingForm(req: Request): void {
  if (req.method !== 'POST' || !req.body || typeof req.body !== 'object') return;
  const body = keepable(req.body as Record<string, unknown>);
  if (JSON.stringify(body).length > MAX_KEPT_CHARS) return;
  req.session.pendingForm = { path: req.originalUrl, body };
}

/** The kept form for this page, once, without the fields that are never restored; undefined when there is none. */
export function takePendingForm(req: Request): Record<string, unknown> | undefined {
  const pending = req.session.pendingForm;
  if (!pending || pending.path !== req.originalUrl) return undefined;
  delete req.session.pendingForm;
  return keepable(pending.body); // again: a session kept from before this rule may still hold them
}
