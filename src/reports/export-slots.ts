import type { Request, RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import type { Config } from '../config';
import { DEFAULT_LANGUAGE, formatters, fromAcceptLanguage, translator } from '../i18n/i18n';

/** What a refused requester is told to wait, in seconds, before trying again. */
export const RETRY_AFTER_SECONDS = 10;
/** Connections an instance keeps out of exports' reach, for the pages and /readyz. */
const CONNECTIONS_KEPT_FOR_PAGES = 2;

export type Refusal = 'user' | 'instance';
export interface Slot { release: () => void }

/**
 * How many CSV exports stream at once. An export holds a pooled connection from its first row to
 * its last, for as long as its client takes to read: twelve clients that never read once held
 * every connection, and /readyz and the members' pages waited. So there is a limit per user and
 * one per instance, the latter kept below the pool's size; on the embedded database (a pool of
 * one) exports run one at a time.
 */
export class ExportSlots {
  private running = 0;
  private readonly byUser = new Map<number, number>();

  constructor(readonly maxConcurrent: number, readonly maxPerUser: number) {}

  /** The limits for this database handle and configuration. */
  static for(db: Knex, config: Pick<Config, 'exportMaxConcurrent' | 'exportMaxPerUser'>): ExportSlots {
    const poolMax = (db.client as { config?: { pool?: { max?: number } } }).config?.pool?.max ?? Infinity;
    const max = Math.max(1, Math.min(config.exportMaxConcurrent, poolMax - CONNECTIONS_KEPT_FOR_PAGES));
    return new ExportSlots(max, config.exportMaxPerUser);
  }

  full(): boolean {
    return this.running >= this.maxConcurrent;
  }

  /** A slot for one export by this user, or why there is none; release it once, when the export ends. */
  take(userId: number): Slot | Refusal {
    if ((this.byUser.get(userId) ?? 0) >= this.maxPerUser) return 'user';
    if (this.full()) return 'instance';
    this.running += 1;
    this.byUser.set(userId, (this.byUser.get(userId) ?? 0) + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.running -= 1;
        const left = (this.byUser.get(userId) ?? 1) - 1;
        if (left) this.byUser.set(userId, left); else this.byUser.delete(userId);
      },
    };
  }
}

/** The "try again shortly" page: 429 for the user's own limit, 503 for a busy instance. */
export function renderBusy(req: Request, res: Response, refusal: Refusal, maxPerUser: number): void {
  // Before the session (see busyGate) the page's usual locals are not set yet.
  if (!res.locals.t) {
    const lang = fromAcceptLanguage(req.headers['accept-language']) ?? DEFAULT_LANGUAGE;
    Object.assign(res.locals, { t: translator(lang), lang, otherLang: lang === 'en' ? 'fr' : 'en', fmt: formatters(lang),
      currentUrl: req.originalUrl, flash: [], user: undefined, can: () => false });
    res.vary('Accept-Language');
  }
  res.status(refusal === 'user' ? 429 : 503).set({ 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' })
    .render('reports/busy', { refusal, maxPerUser, seconds: RETRY_AFTER_SECONDS });
}

/**
 * Mounted before the session: while every export slot is taken, a download is refused without
 * touching the database. On the embedded database a running export holds the only connection, so
 * a second requester would otherwise wait for it in the session look-up instead of being told to
 * try again. (It tells an anonymous visitor only that a download is running.)
 */
export function busyGate(slots: ExportSlots): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' && req.path.endsWith('.csv') && slots.full()) return renderBusy(req, res, 'instance', slots.maxPerUser);
    next();
  };
}
