import { MAX_LENGTH, text } from '../shared/validation';
import { LEVELS, Level, PROVINCES } from '../vocab/vocab';

export const SORTS = ['name', 'constituency', 'province', 'party'] as const;
export const STATUSES = ['sitting', 'former', 'all'] as const;

export interface DirectoryQuery {
  q: string;
  level?: Level;
  province?: string;
  party?: string;
  status: (typeof STATUSES)[number];
  sort: (typeof SORTS)[number];
}

const oneOf = <T extends string>(list: readonly T[], value: string): T | undefined => (list as readonly string[]).includes(value) ? (value as T) : undefined;

/** The directory's filters from the URL; a value that is not one of the choices is ignored. */
export function parseDirectoryQuery(query: Record<string, unknown>): DirectoryQuery {
  return {
    q: text(query.q, MAX_LENGTH.name).slice(0, MAX_LENGTH.name),
    level: oneOf(LEVELS, text(query.level)),
    province: oneOf(PROVINCES, text(query.province).toUpperCase()),
    party: text(query.party, MAX_LENGTH.name).slice(0, MAX_LENGTH.name) || undefined,
    status: oneOf(STATUSES, text(query.status)) ?? 'sitting',
    sort: oneOf(SORTS, text(query.sort)) ?? 'name',
  };
}

/** The filters back as URL parameters, defaults left out, for links that keep them. */
export function directoryParams(f: DirectoryQuery): Record<string, string | undefined> {
  return {
    q: f.q || undefined, level: f.level, province: f.province, party: f.party,
    status: f.status === 'sitting' ? undefined : f.status, sort: f.sort === 'name' ? undefined : f.sort,
  };
}

/** A jurisdiction such as ca, ca_on, ca_on_toronto. */
export function isJurisdiction(value: string): boolean {
  return /^ca(_[a-z]{2}(_[a-z0-9_]{1,60})?)?$/.test(value);
}
