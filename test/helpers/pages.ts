import type { Express } from 'express';
import { appRoutes } from './routes';

/** Builds each route's URL from a record id per parameter, e.g. { ':id@/campaigns': 4, ':officialId': 9 }. */
export type Ids = Record<string, string | number>;

/**
 * Every GET route of the app with its parameters filled in. A parameter is looked up first as
 * "name@prefix" (the route starts with prefix), then as "name"; a route none fits throws, so that
 * a new route cannot be skipped silently.
 */
export function pageUrls(app: Express, ids: Ids): string[] {
  return appRoutes(app).filter((r) => r.startsWith('GET ')).map((r) => r.slice(4)).map((route) =>
    route.replace(/:(\w+)/g, (_m, name: string) => {
      const scoped = Object.keys(ids).filter((k) => k.startsWith(`:${name}@`) && route.startsWith(k.split('@')[1]))
        .sort((a, b) => b.length - a.length)[0];
      const value = scoped ? ids[scoped] : ids[`:${name}`];
      if (value === undefined) throw new Error(`No value for :${name} in ${route}`);
      return encodeURIComponent(String(value));
    }));
}

/** Inline script bodies and event-handler attributes: what a strict CSP would block, so pages must not have them. */
export function inlineScriptProblems(html: string): string[] {
  const problems: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc=/.test(m[1]) || m[2].trim()) problems.push(m[0].slice(0, 80));
  }
  for (const m of html.matchAll(/<[a-z][^>]*>/gi)) {
    const outsideValues = m[0].replace(/"[^"]*"|'[^']*'/g, '""');
    if (/\son[a-z]+\s*=/i.test(outsideValues)) problems.push(m[0].slice(0, 80));
  }
  if (/\bstyle\s*=\s*["']/i.test(html)) problems.push('inline style attribute');
  if (/href\s*=\s*["']\s*javascript:/i.test(html)) problems.push('javascript: link');
  return problems;
}
