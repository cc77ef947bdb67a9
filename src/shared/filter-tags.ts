import type { TFunction } from 'i18next';
import type { Formatters, Language } from '../i18n/i18n';
import { withParams } from './pagination';

/**
 * The filters a list applies, said above its results as tags ("Province: Ontario"), each a link to
 * the same list without that filter: a list reached from a figure says why it holds what it holds.
 */
export interface FilterTag {
  /** The filter's (first) parameter: a list's search box is one, the filters behind its disclosure the others. */
  key: string;
  label: string;
  /** How the filter's value reads; empty for a filter that is its own label ("Only mine"). */
  value: string;
  /** The same list without this filter; none for a filter the list cannot do without. */
  href?: string;
}

/** How one filter reads as a tag. */
export interface TagSpec {
  /** Its parameters in the URL: one, or two for a period (from, to). */
  keys: string[];
  /** The catalogue key of its label. */
  label: string;
  /** How its parameters' values read (in the keys' order, '' when absent); undefined for no tag. Default: the value as typed. */
  value?: (raw: string[]) => string | undefined;
  /** False for a filter that stays (the member's own local): no link to remove it. */
  removable?: boolean;
}

const asText = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * The tags of the filters set in `query` (the list's parameters, as its links carry them), in the
 * order of `specs`. Removing a filter also leaves the page number out: the list starts again.
 */
export function filterTags(t: TFunction, base: string, query: Record<string, unknown>, specs: TagSpec[]): FilterTag[] {
  const tags: FilterTag[] = [];
  for (const spec of specs) {
    const raw = spec.keys.map((k) => asText(query[k]));
    if (raw.every((v) => v === '')) continue;
    const value = spec.value ? spec.value(raw) : raw.filter(Boolean).join(' ');
    if (value === undefined) continue;
    const without = Object.fromEntries([...spec.keys, 'page'].map((k) => [k, undefined]));
    tags.push({ key: spec.keys[0], label: t(spec.label), value, href: spec.removable === false ? undefined : withParams(base, query, without) });
  }
  return tags;
}

/** A from–to period as a tag's value: "March 2, 2026 to March 8, 2026", or one end alone. */
export function periodValue(t: TFunction, fmt: Formatters) {
  return ([from, to]: string[]) => {
    if (from && to) return t('shared:filterTags.fromTo', { from: fmt.date(from), to: fmt.date(to) });
    return from ? t('shared:filterTags.since', { date: fmt.date(from) }) : t('shared:filterTags.until', { date: fmt.date(to) });
  };
}

/** A name looked up among the choices (a campaign, a local) by the id in the URL; the id itself if not found. */
export function nameOf(choices: { id: number; name: string }[]) {
  return ([id]: string[]) => choices.find((c) => String(c.id) === id)?.name ?? id;
}

/** How many of the tags are filters behind the list's disclosure ("Filters (2)"): all but its search words. */
export function disclosedCount(tags: FilterTag[]): number {
  return tags.filter((tag) => tag.key !== 'q').length;
}

/** Search words as a tag's value, in the language's quotation marks. */
export function quoted(lang: Language, words: string): string {
  return lang === 'fr' ? `«\u00a0${words}\u00a0»` : `“${words}”`;
}
