import type { RequestHandler } from 'express';
import { parseCookie } from 'cookie';
import type { TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, formatters, fromAcceptLanguage, isLanguage, Language, translator } from '../i18n/i18n';
import { labelsFor } from '../vocab/labels';
import { hasRole } from './auth-guards';
import type { Role } from './types';
import { withParams } from './pagination';
import { navLinks, rememberedLists } from './nav';
import { disclosedCount } from './filter-tags';

declare module 'express-serve-static-core' {
  interface Request {
    lang: Language;
    t: TFunction;
  }
}

/** A visitor's pick of language (the switch on every page): a cookie, so that it costs no session. */
export const LANGUAGE_COOKIE = 'mpt.lang';

/** The user's saved preference, else what this browser picked, else the browser's own language. */
function chooseLanguage(req: Parameters<RequestHandler>[0]): Language {
  if (req.user?.language) return req.user.language;
  const picked = req.headers.cookie?.includes(LANGUAGE_COOKIE) ? parseCookie(req.headers.cookie)[LANGUAGE_COOKIE] : undefined;
  if (isLanguage(picked)) return picked;
  return fromAcceptLanguage(req.headers['accept-language']) ?? DEFAULT_LANGUAGE;
}

/** What every template can use: the translator, formatters, the tracker's words (`vocab`), the user and their role. */
export const viewLocals: RequestHandler = (req, res, next) => {
  req.lang = chooseLanguage(req);
  req.t = translator(req.lang);
  const fmt = formatters(req.lang);
  const lists = rememberedLists(req);
  const can = (role: Role) => hasRole(req.user, role);
  Object.assign(res.locals, {
    t: req.t,
    lang: req.lang,
    otherLang: req.lang === 'en' ? 'fr' : 'en',
    fmt,
    vocab: labelsFor(req.lang),
    user: req.user,
    can,
    currentPath: req.path,
    currentUrl: req.originalUrl,
    withParams,
    disclosedCount,
    /** The menu's links, and the lists as last shown (a record's "Back to the results"). */
    navLinks: navLinks(Boolean(req.user), can, req.path, lists),
    lists,
    errors: {},
    values: {},
  });
  res.vary('Accept-Language');
  next();
};

/** Signed-in pages carry personal data: never keep them in a shared or browser cache. */
export const noStoreWhenSignedIn: RequestHandler = (req, res, next) => {
  if (req.user) res.set('Cache-Control', 'no-store');
  next();
};
