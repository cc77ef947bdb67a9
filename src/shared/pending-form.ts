import type { Request } from 'express';

/**
 * A form posted after the session expired is kept (not acted on) in the new session, so that after
 * signing in again the member finds the form as they left it. Forms post to the URL that shows them.
 */
export function keepPendingForm(req: Request): void {
  if (req.method !== 'POST' || !req.body || typeof req.body !== 'object') return;
  // Never keep a secret in the session, nor the old token.
  const body = Object.fromEntries(
    Object.entries(req.body as Record<string, unknown>).filter(([key]) => key !== '_csrf' && !/password/i.test(key)),
  );
  if (JSON.stringify(body).length > 100_000) return;
  req.session.pendingForm = { path: req.originalUrl, body };
}

/** The kept form for this page, once; undefined when there is none. */
export function takePendingForm(req: Request): Record<string, unknown> | undefined {
  const pending = req.session.pendingForm;
  if (!pending || pending.path !== req.originalUrl) return undefined;
  delete req.session.pendingForm;
  return pending.body;
}
