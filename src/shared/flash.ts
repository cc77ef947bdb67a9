import type { Request, RequestHandler } from 'express';
import type { FlashMessage } from './types';

type FlashType = FlashMessage['type'];

/** What a redirect's URL carries when its success message could not be kept in the session. */
const SAVED_MARKER = 'saved';

/** `url` with ?saved=1 (before any #fragment); only paths of this site. */
export function markedSaved(url: unknown): unknown {
  if (typeof url !== 'string' || !url.startsWith('/')) return url;
  const [path, fragment] = url.split('#', 2);
  return `${path}${path.includes('?') ? '&' : '?'}${SAVED_MARKER}=1${fragment !== undefined ? `#${fragment}` : ''}`;
}

/**
 * Queues a message for the next page this session sees (after a redirect), with a button that
 * posts to `action.url` when given (an "Undo": a form, so that it works without script).
 */
export function flash(req: Request, type: FlashType, message: string, action?: FlashMessage['action']): void {
  req.session.flash = [...(req.session.flash ?? []), { type, message, ...(action ? { action } : {}) }];
}

/**
 * Hands queued messages to the page being rendered, once. A redirect whose success message could
 * not be kept (the session was not saved) says `saved=1` instead: the page says it was saved.
 */
export const flashMessages: RequestHandler = (req, res, next) => {
  const queued: FlashMessage[] = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  const savedMarker = req.method === 'GET' && req.query?.[SAVED_MARKER] === '1' && !queued.some((m) => m.type === 'success');
  res.locals.flash = savedMarker ? [...queued, { type: 'success', message: req.t('shared:flash.saved') }] : queued;
  next();
};
