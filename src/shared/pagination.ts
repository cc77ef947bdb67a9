export const PAGE_SIZE = 25;

export interface Page {
  page: number;
  pages: number;
  total: number;
  offset: number;
  limit: number;
}

/** Page n (1-based, from the query string) of `total` rows; an out-of-range page gives the last one. */
export function paginate(pageParam: unknown, total: number, limit = PAGE_SIZE): Page {
  const pages = Math.max(1, Math.ceil(total / limit));
  const asked = Number(typeof pageParam === 'string' ? pageParam : 1);
  const page = Number.isInteger(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
  return { page, pages, total, offset: (page - 1) * limit, limit };
}

/**
 * A link to the same list with some parameters changed, keeping the others (filters live in the
 * URL so that a view can be bookmarked and shared). Empty values are left out.
 */
export function withParams(path: string, current: Record<string, unknown>, changes: Record<string, unknown> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...current, ...changes })) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') params.append(key, String(v));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
