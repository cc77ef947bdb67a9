import type { RequestHandler } from 'express';
import { HttpError } from './errors';
import { MAX_LENGTH } from './validation';

/**
 * Every value of the query string, checked once before any route reads it: a NUL byte (which
 * PostgreSQL refuses in text, so that a search for one was a 500) or a value longer than any
 * filter, search or return path needs is answered 400. Form bodies are not checked here: each form
 * shows itself again with the field's own message (validation.ts).
 */
export const refuseUnreadableQuery: RequestHandler = (req, _res, next) => {
  if (!readable(req.query)) throw new HttpError(400, 'shared:errors.badQuery');
  next();
};

function readable(value: unknown): boolean {
  if (typeof value === 'string') return value.length <= MAX_LENGTH.paragraph && !value.includes('\0');
  if (Array.isArray(value)) return value.every(readable);
  if (value && typeof value === 'object') return Object.entries(value).every(([k, v]) => readable(k) && readable(v));
  return true;
}
