import type { Request, RequestHandler } from 'express';

type FlashType = 'success' | 'error' | 'info';

/** Queues a message for the next page this session sees (after a redirect). */
export function flash(req: Request, type: FlashType, message: string): void {
  req.session.flash = [...(req.session.flash ?? []), { type, message }];
}

/** Hands queued messages to the page being rendered, once. */
export const flashMessages: RequestHandler = (req, res, next) => {
  const queued = req.session?.flash;
  res.locals.flash = queued ?? [];
  if (queued) delete req.session.flash;
  next();
};
