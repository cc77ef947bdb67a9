import { getI18n } from '../../src/i18n/i18n';

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
