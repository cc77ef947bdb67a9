import type { RequestHandler } from 'express';
import type { Db } from '../db';
import { anyUserExists } from './users.repo';

export interface FirstRun {
  done(): Promise<boolean>;
  markDone(): void;
  /** Until the first user exists, every page leads to /setup. */
  guard: RequestHandler;
}

const OPEN_DURING_SETUP = /^\/(setup|static\/|healthz|readyz|language\/)/;

export function firstRun(db: Db): FirstRun {
  let known = false; // once a user exists it always will: stop asking
  const done = async () => (known ||= await anyUserExists(db));
  return {
    done,
    markDone: () => { known = true; },
    guard: async (req, res, next) => {
      if (OPEN_DURING_SETUP.test(req.path) || (await done())) return next();
      res.redirect(303, '/setup');
    },
  };
}
