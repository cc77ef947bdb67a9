import path from 'node:path';
import express, { Router } from 'express';
import { ROOT_DIR } from '../config';

/** Files from npm packages that pages use, served by the app itself: no CDN. */
const modules = path.join(ROOT_DIR, 'node_modules');
// A Map, not an object: the file name comes from the URL, and /static/vendor/__proto__ must find nothing.
const VENDOR = new Map<string, string>([
  ['pico.min.css', path.join(modules, '@picocss/pico/css/pico.min.css')],
  ['chart.umd.min.js', path.join(modules, 'chart.js/dist/chart.umd.min.js')],
]);

export function staticAssets(): Router {
  const router = Router();
  const maxAge = '1h';
  router.get('/vendor/:file', (req, res, next) => {
    const file = VENDOR.get(req.params.file);
    if (!file) return next();
    res.sendFile(file, { maxAge });
  });
  router.use(express.static(path.join(ROOT_DIR, 'src', 'public'), { maxAge, index: false }));
  router.use((_req, res) => { res.status(404).type('text').send('Not found'); });
  return router;
}
