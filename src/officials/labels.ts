import type { TFunction } from 'i18next';
import { PARTY_KEYS } from './import/reference';

/**
 * How an official's data is shown to a reader: the riding in their language where its French
 * name is known, the known federal parties translated, anything else as imported.
 */
export function officialLabels(t: TFunction, lang: string) {
  return {
    riding: (o: { constituency: string; constituency_fr?: string | null }) => (lang === 'fr' && o.constituency_fr) || o.constituency,
    party: (party: string | null | undefined) => (party && PARTY_KEYS[party] ? t(`officials:parties.${PARTY_KEYS[party]}`) : party ?? ''),
    name: (o: { honorific?: string | null; first_name: string; last_name: string }) => `${o.first_name} ${o.last_name}`,
  };
}
