import { z } from 'zod';
import type { Db } from '../db';
import { readOne, value } from '../db/one-statement';

/**
 * How far a fresh install has come, for the home page's "Get started" list, in one statement:
 * whether there is a local, an official, a campaign, and anyone besides the first administrator.
 * Each is an EXISTS that stops at the first row, so a tracker in use pays next to nothing.
 */
export function setupProgress(db: Db) {
  return readOne(db, {
    locals: value(z.boolean(), db.raw('SELECT EXISTS (SELECT 1 FROM locals)')),
    officials: value(z.boolean(), db.raw('SELECT EXISTS (SELECT 1 FROM officials)')),
    campaign: value(z.boolean(), db.raw('SELECT EXISTS (SELECT 1 FROM campaigns)')),
    people: value(z.boolean(), db.raw('SELECT EXISTS (SELECT 1 FROM users OFFSET 1)')),
  }, { name: "a fresh install's progress" });
}
