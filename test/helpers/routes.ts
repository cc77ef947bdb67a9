import type { Express } from 'express';

export interface RouteEntry { method: string; path: string }

interface Layer {
  rawPath?: unknown;
  slash?: boolean;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every route the app answers, read from Express's own router stack (mount prefixes included), as
 * "METHOD /path" with the route's own parameter names. A route added later shows up here by itself.
 */
export function appRoutes(app: Express): string[] {
  const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  const found = new Set<string>();
  walk(stack, '', found);
  return [...found].sort();
}

function walk(stack: Layer[], prefix: string, found: Set<string>) {
  for (const layer of stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) {
        if (method === '_all') found.add(`ALL ${prefix}${layer.route.path}`);
        else found.add(`${method.toUpperCase()} ${join(prefix, layer.route.path)}`);
      }
    } else if (layer.handle?.stack) {
      const mount = layer.slash || typeof layer.rawPath !== 'string' ? '' : layer.rawPath;
      walk(layer.handle.stack, join(prefix, mount), found);
    }
  }
}

function join(prefix: string, path: string): string {
  if (!prefix) return path;
  return path === '/' ? prefix : prefix + path;
}
