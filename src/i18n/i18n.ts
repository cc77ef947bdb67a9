import fs from 'node:fs';
import path from 'node:path';
import i18next, { i18n, TFunction } from 'i18next';
import { isProduction, ROOT_DIR } from '../config';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** Locale tags for Intl: Canadian English and Canadian French. */
const LOCALE_TAG: Record<Language, string> = { en: 'en-CA', fr: 'fr-CA' };

// The catalogues are read from the source tree, so that a compiled build finds them too.
const SRC_DIR = path.join(ROOT_DIR, 'src');

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Every feature keeps its words in src/<feature>/locales/{en,fr}.json; the folder name is the
 * i18next namespace (`t('meetings:saved')`). Words shared by every page live in src/shared/locales.
 */
function loadCatalogues(): Record<Language, Record<string, Record<string, unknown>>> {
  const catalogues = { en: {}, fr: {} } as Record<Language, Record<string, Record<string, unknown>>>;
  for (const feature of fs.readdirSync(SRC_DIR)) {
    const dir = path.join(SRC_DIR, feature, 'locales');
    if (!fs.existsSync(dir)) continue;
    for (const lang of LANGUAGES) {
      const file = path.join(dir, `${lang}.json`);
      if (fs.existsSync(file)) catalogues[lang][feature] = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    }
  }
  return catalogues;
}

let instance: i18n | undefined;

/** One i18next instance for the process; a key missing from a catalogue throws outside production. */
export function getI18n(): i18n {
  if (instance) return instance;
  const strict = !isProduction();
  const catalogues = loadCatalogues();
  instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: catalogues,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: strict ? false : DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: Object.keys(catalogues.en),
    defaultNS: 'shared',
    interpolation: { escapeValue: false }, // EJS escapes on output
    returnNull: false,
    saveMissing: strict,
    missingKeyHandler: strict
      ? (lngs, ns, key) => {
          throw new Error(`Missing message "${ns}:${key}" for ${lngs.join(',')}`);
        }
      : undefined,
  });
  return instance;
}

const translators = new Map<Language, TFunction>();

/**
 * The language's translator. A page looks up a few hundred messages, most of them plain (no
 * values to put in): those are looked up in i18next once and then remembered. The catalogues are
 * read once at start and never change while the process runs, so what is remembered cannot go stale.
 */
export function translator(lang: Language): TFunction {
  let t = translators.get(lang);
  if (t) return t;
  const fixed = getI18n().getFixedT(lang) as unknown as (key: string | string[], ...rest: unknown[]) => string;
  const plain = new Map<string, string>();
  t = ((key: string | string[], ...rest: unknown[]) => {
    if (rest.length > 0 || typeof key !== 'string') return fixed(key, ...rest);
    let message = plain.get(key);
    if (message === undefined) plain.set(key, (message = fixed(key)));
    return message;
  }) as unknown as TFunction;
  translators.set(lang, t);
  return t;
}

export interface Formatters {
  /** 2021-09-20 → "September 20, 2021" / « 20 septembre 2021 ». */
  date(value: string | Date | null | undefined): string;
  dateTime(value: string | Date | null | undefined): string;
  /** 1234.5 → "1,234.5" / « 1 234,5 ». */
  number(value: number | string | null | undefined, options?: Intl.NumberFormatOptions): string;
  percent(value: number): string;
}

const formatterCache = new Map<Language, Formatters>();

// Making an Intl.NumberFormat costs about as much as rendering a table row, and a dashboard shows
// hundreds of numbers: make each one (locale and options) once.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(tag: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${tag} ${options ? JSON.stringify(options) : ''}`;
  let made = numberFormats.get(key);
  if (!made) numberFormats.set(key, (made = new Intl.NumberFormat(tag, options)));
  return made;
}

export function formatters(lang: Language): Formatters {
  const cached = formatterCache.get(lang);
  if (cached) return cached;
  const tag = LOCALE_TAG[lang];
  const day = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  const stamp = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Toronto' });
  const pct = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const made: Formatters = {
    date(value) {
      if (!value) return '';
      const d = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
      return Number.isNaN(d.getTime()) ? '' : day.format(d);
    },
    dateTime(value) {
      if (!value) return '';
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? '' : stamp.format(d);
    },
    number(value, options) {
      if (value === null || value === undefined || value === '') return '';
      return numberFormat(tag, options).format(Number(value));
    },
    percent: (value) => pct.format(value),
  };
  formatterCache.set(lang, made);
  return made;
}

/** The best supported language in an Accept-Language header, if any. */
export function fromAcceptLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.lang).find(isLanguage);
}
