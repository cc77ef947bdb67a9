import { Router } from 'express';
import type { Db } from '../db';

/** The start page: the two things members come for, one tap away. */
export function homeRouter(_db: Db): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.render('home/index');
  });
  return router;
}
