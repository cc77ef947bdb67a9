import { getI18n } from '../../src/i18n/i18n';
import { labelsFor } from '../../src/vocab/labels';
import { FEDERAL_PARTIES, PARTY_KEYS } from '../../src/vocab/parties';
import { VOCABULARY } from '../../src/vocab/vocab';

// The catalogues as the app loaded them: looked up directly, so that a missing label is not hidden by a fallback.
const catalogues = getI18n().store.data as Record<'en' | 'fr', Record<string, Record<string, Record<string, unknown>>>>;
const LANGUAGES = ['en', 'fr'] as const;

describe.each(LANGUAGES)('the %s vocab catalogue', (lang) => {
  test.each(Object.keys(VOCABULARY) as (keyof typeof VOCABULARY)[])('labels every %s code the module defines, and nothing else', (kind) => {
    const labels = catalogues[lang].vocab[kind] as Record<string, string>;
    expect(Object.keys(labels).sort()).toEqual([...VOCABULARY[kind]].sort());
    for (const code of VOCABULARY[kind]) expect(labels[code]?.trim()).toBeTruthy();
  });

  test('names every party the module knows, and nothing else', () => {
    const labels = catalogues[lang].vocab.party as Record<string, string>;
    expect(Object.keys(labels).sort()).toEqual([...PARTY_KEYS].sort());
  });
});

/** Every object of a catalogue, with its path. */
function objects(tree: Record<string, unknown>, path: string): [string, Record<string, unknown>][] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object'
    ? [[`${path}.${k}`, v as Record<string, unknown>] as [string, Record<string, unknown>], ...objects(v as Record<string, unknown>, `${path}.${k}`)]
    : []));
}

test('no feature catalogue keeps its own labels for a vocabulary: the words live once, in vocab', () => {
  const copies = LANGUAGES.flatMap((lang) => Object.entries(catalogues[lang]).filter(([ns]) => ns !== 'vocab')
    .flatMap(([ns, tree]) => objects(tree, `${lang}:${ns}`))
    .filter(([, o]) => [...Object.values(VOCABULARY), PARTY_KEYS].some((codes) => codes.every((c) => c in o)))
    .map(([path]) => path));
  expect(copies).toEqual([]);
});

describe('party names', () => {
  test('a party the module knows is shown in the reader’s language, under any spelling its lists use', () => {
    const fr = labelsFor('fr');
    expect(['Liberal', 'Conservative', 'NDP', 'Bloc Québécois', 'Green Party', 'Independent'].map(fr.party))
      .toEqual(['Libéral', 'Conservateur', 'NPD', 'Bloc Québécois', 'Parti vert', 'Indépendant']);
    expect(fr.party('New Democratic Party of Ontario')).toBe('NPD de l’Ontario');
    expect(fr.party('Progressive Conservative Party of Ontario')).toBe('Parti progressiste-conservateur de l’Ontario');
    expect(fr.party('Parti libéral du Québec')).toBe('Parti libéral du Québec');
    expect(labelsFor('en').party('Parti libéral du Québec')).toBe('Quebec Liberal Party');
    expect(labelsFor('en').party('ontario  new democratic party')).toBe('Ontario NDP');
  });

  test('any other party is shown as stored, in both languages', () => {
    for (const lang of LANGUAGES) {
      expect(labelsFor(lang).party('Parti Rhinocéros')).toBe('Parti Rhinocéros');
      expect(labelsFor(lang).party('Vision Montréal')).toBe('Vision Montréal');
      expect(labelsFor(lang).party(null)).toBe('');
    }
  });

  test('a federal party keeps the name a House of Commons import stores it under', () => {
    expect(FEDERAL_PARTIES.map((p) => labelsFor('en').party(p.stored))).toEqual(FEDERAL_PARTIES.map((p) => p.stored));
  });
});

test('a campaign text missing in the reader’s language shows the other one, marked', () => {
  expect(labelsFor('fr').text('Stable funding', 'Financement stable')).toBe('Financement stable');
  expect(labelsFor('fr').text('Stable funding', '')).toBe('Stable funding (anglais)');
  expect(labelsFor('en').text('', 'Financement stable')).toBe('Financement stable (French)');
  expect(labelsFor('en').text('Stable funding', null)).toBe('Stable funding');
  expect(labelsFor('fr').text('', '')).toBe('');
});

test('a value no vocabulary holds is shown as stored rather than breaking the page', () => {
  expect(labelsFor('fr').status('postponed')).toBe('postponed');
  expect(labelsFor('fr').stance(null)).toBe('');
});
