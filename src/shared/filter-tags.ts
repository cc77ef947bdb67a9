import { withParams } from './pagination';

/** One filter in force, as views/partials/filter-tags.ejs shows it: what it is, its value, and the list without it. */
export interface FilterTag {
  key: string;
  label: string;
  /** Empty for a filter that is its own value ("Overdue only"). */
  value: string;
  url: string;
}

/** How one query parameter reads as a tag; undefined when it makes none (a value the list does not use). */
export type TagOf = (value: string) => { label: string; value?: string } | undefined;

/**
 * The filters of `query` in force, as removable tags in the order of `describe`, and the list with
 * none of them (`clear`). Removing one keeps every other parameter but the page number, which was
 * a page of the narrower list.
 */
export function filterTags(path: string, query: Record<string, unknown>, describe: Record<string, TagOf>): { tags: FilterTag[]; clear: string } {
  const tags: FilterTag[] = [];
  for (const [key, tagOf] of Object.entries(describe)) {
    const raw = query[key];
    const tag = typeof raw === 'string' && raw !== '' ? tagOf(raw) : undefined;
    if (tag) tags.push({ key, label: tag.label, value: tag.value ?? '', url: withParams(path, query, { [key]: undefined, page: undefined }) });
  }
  const none = Object.fromEntries([...Object.keys(describe), 'page'].map((key) => [key, undefined]));
  return { tags, clear: withParams(path, query, none) };
}
