import { Language, translator } from '../i18n/i18n';
import { partyKey } from './parties';
import { VOCABULARY, VocabularyKind } from './vocab';

export interface Option { value: string; label: string }

/** How the tracker's words read in one language: on every page (`vocab` in a view) and in every export. */
export interface Labels {
  status: (code: string | null | undefined) => string;
  format: (code: string | null | undefined) => string;
  stance: (code: string | null | undefined) => string;
  commitment: (code: string | null | undefined) => string;
  level: (code: string | null | undefined) => string;
  province: (code: string | null | undefined) => string;
  /** A known party in this language; any other as stored. */
  party: (name: string | null | undefined) => string;
  /**
   * A campaign's text in this language; where it has none, the other language's, marked
   * "(English)" / "(anglais)" so that the reader sees why.
   */
  text: (en: string | null | undefined, fr: string | null | undefined) => string;
  /** A select's options for a vocabulary, in its order, after an optional blank one. */
  options: (kind: VocabularyKind, blank?: string) => Option[];
  /** The codes themselves (`vocab.codes.status`), for a view that lists them. */
  codes: typeof VOCABULARY;
}

const made = new Map<Language, Labels>();

/** The labels of `lang`, made once: every code's label is looked up up front, so a row costs a Map lookup. */
export function labelsFor(lang: Language): Labels {
  const cached = made.get(lang);
  if (cached) return cached;
  const t = translator(lang);
  const words = Object.fromEntries(Object.entries(VOCABULARY).map(([kind, codes]) =>
    [kind, new Map<string, string>(codes.map((code) => [code, t(`vocab:${kind}.${code}`)]))])) as Record<VocabularyKind, Map<string, string>>;
  // A value the vocabulary does not hold (a row written before a code was retired) is shown as stored.
  const word = (kind: VocabularyKind) => (code: string | null | undefined) => (code ? words[kind].get(code) ?? code : '');
  const other: Language = lang === 'fr' ? 'en' : 'fr';
  const marker = t(`vocab:fallback.${other}`);
  const parties = new Map<string, string>();
  const labels: Labels = {
    status: word('status'), format: word('format'), stance: word('stance'), commitment: word('commitment'), level: word('level'), province: word('province'),
    party: (name) => {
      if (!name) return '';
      let label = parties.get(name);
      if (label === undefined) {
        const key = partyKey(name);
        label = key ? t(`vocab:party.${key}`) : name;
        // An export names the same few parties on every row: remember them, within bounds.
        if (parties.size < 1000) parties.set(name, label);
      }
      return label;
    },
    text: (en, fr) => {
      const [mine, theirs] = lang === 'fr' ? [fr, en] : [en, fr];
      return mine ? mine : theirs ? `${theirs} ${marker}` : '';
    },
    options: (kind, blank) => {
      const list = VOCABULARY[kind].map((code) => ({ value: code, label: words[kind].get(code)! }));
      return blank === undefined ? list : [{ value: '', label: blank }, ...list];
    },
    codes: VOCABULARY,
  };
  made.set(lang, labels);
  return labels;
}

