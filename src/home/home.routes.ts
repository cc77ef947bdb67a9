import { Router } from 'express';
import type { Db } from '../db';
import { gettingStarted } from './checklist.service';

/** The start page: the two things members come for, one tap away; on a fresh install, the steps to get started. */
export function homeRouter(db: Db): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.render('home/index', { steps: await gettingStarted(db) });
  });
  return router;
}
