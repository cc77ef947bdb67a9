import type { Request, RequestHandler } from 'express';
import { ForbiddenError } from './errors';
import type { Role } from './types';
import { keepPendingForm } from './pending-form';

const RANK: Record<Role, number> = { member: 1, coordinator: 2, admin: 3 };

export function hasRole(user: Express.User | undefined, role: Role): boolean {
  return !!user && RANK[user.role] >= RANK[role];
}

/** Only paths within this site may be returned to after signing in. */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  if (/[\u0000-\u001f\\]/.test(value)) return undefined;
  return value;
}

function wantsPage(req: Request): boolean {
  return req.method === 'GET' || req.method === 'HEAD';
}

/** Deny by default: anything mounted after this needs a signed-in, active user. */
export const requireSignedIn: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (wantsPage(req)) req.session.returnTo = safeReturnPath(req.originalUrl);
  else {
    keepPendingForm(req);
    req.session.returnTo = safeReturnPath(req.originalUrl);
  }
  res.redirect(303, '/login');
};

/** The user's role must be at least `role`; checked on the server for every request. */
export function requireRole(role: Role): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) return next(new ForbiddenError());
    if (!hasRole(req.user, role)) return next(new ForbiddenError());
    next();
  };
}
