import type { Request } from 'express';
import { HttpError, NotFoundError } from './errors';
import type { SessionUser } from './types';
import { id } from './validation';

/*
 * What a route reads from the request's path and session, in one place: a malformed `:id` is a page
 * that does not exist (404), never a number that happens to find nothing.
 */

/** A path parameter as a record id, or a 404 when it is not one. */
export function paramId(value: unknown): number {
  const n = id(value);
  if (n === undefined) throw new NotFoundError();
  return n;
}

/** The record a route looked up, or a 404 when there is none (or the user may not see it). */
export function found<T>(record: T | null | undefined | false | 0 | ''): T {
  if (!record) throw new NotFoundError();
  return record;
}

/**
 * The signed-in user. Every feature router is mounted behind requireSignedIn, so a missing user is
 * a routing mistake; it is refused like an anonymous visitor rather than read as undefined.
 */
export function signedInUser(req: Request): SessionUser {
  if (!req.user) throw new HttpError(403, 'shared:errors.notSignedIn');
  return req.user;
}

/**
 * The submitted form's fields: Express types the body as any, and it is absent on a request
 * without one. What each field holds is for the form's parser to check.
 */
export function formBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  return body !== null && typeof body === 'object' ? { ...body } : {};
}
