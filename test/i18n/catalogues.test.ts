import { getI18n, translator } from '../../src/i18n/i18n';

/** Every key path of a nested catalogue, with i18next's plural suffixes folded together. */
function keys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`],
  );
}

// The catalogues as the app loaded them (from src/<feature>/locales).
const catalogues = getI18n().store.data as Record<'en' | 'fr', Record<string, Record<string, unknown>>>;

test('there are catalogues for the shared words and for each feature', () => {
  expect(Object.keys(catalogues.en)).toEqual(expect.arrayContaining(['shared', 'auth', 'home']));
});

describe.each(Object.keys({ ...catalogues.en, ...catalogues.fr }))('the %s catalogue', (ns) => {
  test('has the same keys in English and French', () => {
    expect([...new Set(keys(catalogues.fr[ns] ?? {}))].sort()).toEqual([...new Set(keys(catalogues.en[ns] ?? {}))].sort());
  });

  test('has no empty message', () => {
    for (const lang of ['en', 'fr'] as const) {
      const empty = Object.entries(flatten(catalogues[lang][ns] ?? {})).filter(([, v]) => typeof v !== 'string' || !v.trim());
      expect(empty).toEqual([]);
    }
  });
});

function flatten(tree: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  return Object.fromEntries(Object.entries(tree).flatMap(([k, v]) =>
    v && typeof v === 'object' ? Object.entries(flatten(v as Record<string, unknown>, `${prefix}${k}.`)) : [[`${prefix}${k}`, v]]));
}

/**
 * French has three plural forms in i18next (from Intl.PluralRules): `one` (0 and 1), `many` (a
 * million, a billion…) and `other`. A message without its `_many` form shows its bare key for a
 * million rows.
 */
describe.each(Object.keys(catalogues.fr))('the French %s catalogue', (ns) => {
  test('gives every plural message its one, many and other forms', () => {
    const all = Object.keys(flatten(catalogues.fr[ns] ?? {}));
    const plurals = [...new Set(all.filter((k) => /_(one|many|other)$/.test(k)).map((k) => k.replace(/_(one|many|other)$/, '')))];
    const incomplete = plurals.filter((k) => !['one', 'many', 'other'].every((form) => all.includes(`${k}_${form}`)));
    expect(incomplete).toEqual([]);
  });
});

test('a count of a million reads as a plural in French, not as the key', () => {
  const t = translator('fr');
  expect(t('officials:cases.stay', { count: 1_000_000, name: 'Ann Example' })).toBe('1000000 rencontres restent avec Ann Example');
  expect(t('officials:cases.moveTo', { count: 0, name: 'Ann Example' })).toBe('0 rencontre passe à Ann Example');
});
