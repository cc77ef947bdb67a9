import type { Language } from '../i18n/i18n';
import { labelsFor } from '../vocab/labels';

/**
 * How an official's data is shown to a reader: the riding in their language where its French
 * name is known, the parties the tracker knows translated (src/vocab), anything else as imported.
 */
export function officialLabels(lang: Language) {
  const vocab = labelsFor(lang);
  return {
    riding: (o: { constituency: string; constituency_fr?: string | null }) => (lang === 'fr' && o.constituency_fr) || o.constituency,
    party: (party: string | null | undefined) => vocab.party(party),
    name: (o: { honorific?: string | null; first_name: string; last_name: string }) => `${o.first_name} ${o.last_name}`,
  };
}
