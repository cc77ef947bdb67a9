import type { RequestHandler } from 'express';
import type { TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, formatters, fromAcceptLanguage, isLanguage, Language, translator } from '../i18n/i18n';
import { hasRole } from './auth-guards';
import type { Role } from './types';
import { withParams } from './pagination';

declare module 'express-serve-static-core' {
  interface Request {
    lang: Language;
    t: TFunction;
  }
}

/** The user's saved preference, else what they picked this session, else the browser's. */
function chooseLanguage(req: Parameters<RequestHandler>[0]): Language {
  if (req.user?.language) return req.user.language;
  if (isLanguage(req.session?.lang)) return req.session.lang;
  return fromAcceptLanguage(req.headers['accept-language']) ?? DEFAULT_LANGUAGE;
}

/** What every template can use: the translator, formatters, the user and their role. */
export const viewLocals: RequestHandler = (req, res, next) => {
  req.lang = chooseLanguage(req);
  req.t = translator(req.lang);
  const fmt = formatters(req.lang);
  Object.assign(res.locals, {
    t: req.t,
    lang: req.lang,
    otherLang: req.lang === 'en' ? 'fr' : 'en',
    fmt,
    user: req.user,
    can: (role: Role) => hasRole(req.user, role),
    currentPath: req.path,
    currentUrl: req.originalUrl,
    withParams,
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
