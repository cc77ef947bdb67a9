import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { ROOT_DIR } from '../config';

const modules = path.join(ROOT_DIR, 'node_modules');
const PUBLIC_DIR = path.join(ROOT_DIR, 'src', 'public');

/** Files from npm packages that pages use, served by the app itself: no CDN. */
const VENDOR: [string, string][] = [
  ['/static/vendor/pico.min.css', path.join(modules, '@picocss/pico/css/pico.min.css')],
  ['/static/vendor/chart.umd.min.js', path.join(modules, 'chart.js/dist/chart.umd.min.js')],
];

const YEAR_S = 365 * 24 * 3600;

export interface Assets {
  /** The content-hashed address of a static file (`/static/css/app.css` → `/static/css/app.1a2b3c4d5e6f.css`). */
  url: (plain: string) => string;
  router: Router;
}

function publicFiles(): [string, string][] {
  return fs.readdirSync(PUBLIC_DIR, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => {
      const file = path.join(e.parentPath, e.name);
      return [`/static/${path.relative(PUBLIC_DIR, file).split(path.sep).join('/')}`, file];
    });
}

function hashedUrl(plain: string, file: string): string {
  const hash = createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12);
  const ext = path.posix.extname(plain);
  return `${plain.slice(0, plain.length - ext.length)}.${hash}${ext}`;
}

let names: Map<string, { hashed: string; file: string }> | undefined;

/** Read once per process: the files ship with the code and change only with a deployment. */
function hashedNames() {
  names ??= new Map([...VENDOR, ...publicFiles()].map(([plain, file]) => [plain, { hashed: hashedUrl(plain, file), file }]));
  return names;
}

/**
 * The tracker's CSS and scripts, under names that carry a hash of their content, so that a browser
 * keeps each for a year without asking again (a phone on a slow connection fetches them once) and
 * a new version is a new name. The plain names still answer, revalidated on each use, for a page
 * cached before a deployment. Outside production the files may be edited while the server runs,
 * so nothing is cached for good there. Only the files listed at start are served: a name from the
 * URL is looked up, never joined to a folder.
 */
export function staticAssets(production: boolean): Assets {
  const plainToHashed = hashedNames();
  const served = new Map<string, { file: string; immutable: boolean }>();
  for (const [plain, { hashed, file }] of plainToHashed) {
    served.set(hashed, { file, immutable: production });
    served.set(plain, { file, immutable: false });
  }
  const router = Router();
  router.get('/{*rest}', (req, res, next) => {
    const asset = served.get(`/static${req.path}`);
    if (!asset) return next();
    res.setHeader('Cache-Control', asset.immutable ? `public, max-age=${YEAR_S}, immutable` : 'no-cache');
    res.sendFile(asset.file, { cacheControl: false }, (err) => { if (err) next(err); });
  });
  router.use((_req, res) => { res.status(404).type('text').send('Not found'); });
  return { url: (plain) => plainToHashed.get(plain)?.hashed ?? plain, router };
}
