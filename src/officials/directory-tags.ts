import type { TFunction } from 'i18next';
import type { Language } from '../i18n/i18n';
import { filterTags, quoted } from '../shared/filter-tags';
import { labelsFor } from '../vocab/labels';
import { directoryParams, type DirectoryQuery } from './officials.validate';

/** The directory's filters as removable tags, in the order of its form; the sort is not a filter. */
export function directoryTags(t: TFunction, lang: Language, filters: DirectoryQuery) {
  const vocab = labelsFor(lang);
  return filterTags(t, '/officials', directoryParams(filters), [
    { keys: ['q'], label: 'shared:lists.searchTag', value: ([q]) => quoted(lang, q) },
    { keys: ['level'], label: 'officials:directory.level', value: ([l]) => vocab.level(l) },
    { keys: ['province'], label: 'officials:directory.province', value: ([p]) => vocab.province(p) },
    { keys: ['party'], label: 'officials:directory.party', value: ([p]) => vocab.party(p) },
    { keys: ['status'], label: 'officials:directory.status', value: ([s]) => t(`officials:directory.${s}`) },
  ]);
}
