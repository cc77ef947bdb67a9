import type { Db } from '../db';
import type { Role } from '../shared/types';
import { setupProgress } from './home.repo';

export type StepKey = 'locals' | 'officials' | 'campaign' | 'people';

/** One step of getting started: the least role whose pages do it, where it is done, and whether it is. */
export interface Step { key: StepKey; role: Role; href: string; done: boolean }

/**
 * The first administrator's way from an empty tracker to one members can use, in the order each
 * step needs the one before: people belong to a local, a campaign targets officials. Each step
 * names the least role of the pages that do it (the routes check it again), so that the home page
 * shows a coordinator the steps they may do.
 */
const STEPS: Omit<Step, 'done'>[] = [
  { key: 'locals', role: 'admin', href: '/admin/locals/new' },
  { key: 'officials', role: 'coordinator', href: '/officials/imports' },
  { key: 'campaign', role: 'coordinator', href: '/campaigns/new' },
  { key: 'people', role: 'admin', href: '/admin/users/new' },
];

export async function gettingStarted(db: Db): Promise<Step[]> {
  const progress = await setupProgress(db);
  return STEPS.map((s) => ({ ...s, done: progress[s.key] }));
}
