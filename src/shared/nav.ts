import type { Request, Response } from 'express';
import { parseCookie } from 'cookie';
import { withParams } from './pagination';
import type { Role } from './types';

/**
 * The lists that remember their filters, each with the parameters it takes. Coming back through the
 * menu opens the list as it was last shown (a cookie per list, written by the list's own page: no
 * session write on every list view), and a record opened from it offers "Back to the results".
 */
export const REMEMBERED_LISTS = {
  meetings: { path: '/meetings', keys: ['q', 'campaign', 'official', 'status', 'stance', 'province', 'party', 'local', 'from', 'to', 'mine', 'deleted', 'sort', 'page'] },
  officials: { path: '/officials', keys: ['q', 'level', 'province', 'party', 'status', 'sort', 'page'] },
  followUps: { path: '/follow-ups', keys: ['q', 'state', 'campaign', 'local', 'assignee', 'due_from', 'due_to', 'overdue', 'province', 'party', 'as_of', 'page'] },
} as const;
export type RememberedList = keyof typeof REMEMBERED_LISTS;

const cookieName = (list: RememberedList) => `mpt.list.${list}`;
/** A remembered list is a few filters: anything longer is not kept (and a cookie stays small). */
const MAX_REMEMBERED = 1024;
const MAX_VALUE = 200;

/** Only the list's own parameters, each short: what a cookie or an address gave, made safe to put in a link. */
function listParams(list: RememberedList, from: URLSearchParams | Record<string, unknown>): Record<string, string> {
  const get = (key: string) => (from instanceof URLSearchParams ? from.get(key) : from[key]);
  const kept: Record<string, string> = {};
  for (const key of REMEMBERED_LISTS[list].keys) {
    const value = get(key);
    if (typeof value === 'string' && value && value.length <= MAX_VALUE) kept[key] = value;
  }
  return kept;
}

/** Called by a list's page once its filters are accepted: the list as shown becomes the one to come back to. */
export function rememberList(req: Request, res: Response, list: RememberedList): void {
  const qs = new URLSearchParams(listParams(list, req.query)).toString();
  if (qs.length > MAX_REMEMBERED) return;
  res.cookie(cookieName(list), qs, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

/** The lists as last shown in this browser: `page` is the address to come back to, `menu` the same without its page number. */
export function rememberedLists(req: Request): Record<RememberedList, { menu: string; back?: string }> {
  const cookies = req.headers.cookie?.includes('mpt.list.') ? parseCookie(req.headers.cookie) : {};
  const out = {} as Record<RememberedList, { menu: string; back?: string }>;
  for (const list of Object.keys(REMEMBERED_LISTS) as RememberedList[]) {
    const { path } = REMEMBERED_LISTS[list];
    const raw = cookies[cookieName(list)];
    if (raw === undefined || raw.length > MAX_REMEMBERED) { out[list] = { menu: path }; continue; }
    const params = listParams(list, new URLSearchParams(raw));
    out[list] = { menu: withParams(path, params, { page: undefined }), back: withParams(path, params) };
  }
  return out;
}

export interface NavLink { href: string; key: string; current: boolean }

/**
 * The menu's links for a user, in order; `key` is the catalogue key under shared:nav. The meetings
 * and follow-ups lists open as they were left. Log a meeting is the top bar's own button. `can` is
 * the templates' own role test: the menu only shows or hides links, each route decides again.
 */
export function navLinks(signedIn: boolean, can: (role: Role) => boolean, currentPath: string, lists: ReturnType<typeof rememberedLists>): NavLink[] {
  if (!signedIn) return [];
  const links: { href: string; key: string; shown: boolean; section: string }[] = [
    { href: lists.officials.menu, key: 'officials', shown: true, section: '/officials' },
    { href: lists.meetings.menu, key: 'meetings', shown: true, section: '/meetings' },
    { href: lists.followUps.menu, key: 'followUps', shown: true, section: '/follow-ups' },
    { href: '/dashboard', key: 'dashboard', shown: true, section: '/dashboard' },
    { href: '/campaigns', key: 'campaigns', shown: can('coordinator'), section: '/campaigns' },
    { href: '/officials/imports', key: 'imports', shown: can('coordinator'), section: '/officials/imports' },
    { href: '/reports', key: 'reports', shown: can('coordinator'), section: '/reports' },
    { href: '/admin/users', key: 'admin', shown: can('admin'), section: '/admin' },
  ];
  const under = (section: string) => currentPath === section || currentPath.startsWith(`${section}/`);
  // The longest section the page is under is the current one (the imports are not the directory).
  const current = links.filter((l) => l.shown && under(l.section)).sort((a, b) => b.section.length - a.section.length)[0];
  return links.filter((l) => l.shown).map((l) => ({ href: l.href, key: l.key, current: l === current }));
}
