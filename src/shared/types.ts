import type { Language } from '../i18n/i18n';

export const ROLES = ['member', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in user as the app sees them: the users row without the password hash. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  local_id: number | null;
  language: Language | null;
  active: boolean;
  sessions_valid_after: Date;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // passport's req.user
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
  }
}

/** A message for the next page; `action`, a button that posts to `url` (an "Undo"). */
export interface FlashMessage {
  type: 'success' | 'error' | 'info';
  message: string;
  action?: { url: string; label: string };
}

declare module 'express-session' {
  interface SessionData {
    /** When this session signed in (ms): the 12-hour absolute limit and password-change cut-off. */
    authenticatedAt?: number;
    /** When the stored session's expiry was last pushed back (see touchSession). */
    touchedAt?: number;
    flash?: FlashMessage[];
    /** A form whose submission met an expired session, kept to be put back after signing in. */
    pendingForm?: { path: string; body: Record<string, unknown> };
  }
}
