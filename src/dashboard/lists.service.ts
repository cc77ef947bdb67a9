import type { Db } from '../db';
import { hasRole } from '../shared/auth-guards';
import type { ActivityFilters } from '../shared/filters';
import { paginate, PAGE_SIZE } from '../shared/pagination';
import type { SessionUser } from '../shared/types';
import type { Scope } from './dashboard.repo';
import { listContext, officialsMetList, TargetFilters, targetList } from './target-list.repo';

export type ListKind = 'targets' | 'met';

/**
 * Whose meetings a list counts: the local it is narrowed to (undefined: every local's), or null
 * when it needs one the user lacks. A coordinator's: the filters' local. A member's: their own
 * local's whatever local they ask for, except the targets list without a local (nor a stance),
 * which is the whole campaign's "met or not", as the member's dashboard shows it beside their
 * local's figures.
 */
function listLocal(user: SessionUser, kind: ListKind, f: ActivityFilters, t: TargetFilters): number | undefined | null {
  if (hasRole(user, 'coordinator')) return f.local_id;
  if (kind === 'targets' && f.local_id === undefined && t.stance === undefined) return undefined;
  return user.local_id;
}

/** A list a dashboard figure opens: its campaign, its scope, the page of rows and how many in all. */
export async function dashboardList(db: Db, user: SessionUser, kind: ListKind, f: ActivityFilters, t: TargetFilters, pageParam: unknown) {
  const localId = listLocal(user, kind, f, t);
  const { campaign, local_name: localName } = await listContext(db, f.campaign_id, localId ?? undefined);
  if (!campaign) return { found: 'noCampaign' as const };
  if (localId === null) return { found: 'noLocal' as const, campaign };
  const scope: Scope = { ...f, campaign_id: campaign.id, local_id: localId };
  const window = { from: f.from, to: f.to };
  // The page asked for (from 1): the statement gives the last one when it is past the end.
  const page = paginate(pageParam, Infinity).page;
  const { list } = kind === 'targets'
    ? await targetList(db, scope, window, t, page, PAGE_SIZE)
    : await officialsMetList(db, scope, window, page, PAGE_SIZE);
  return { found: 'list' as const, campaign, scope, localName, pageInfo: paginate(pageParam, list.total), rows: list.rows };
}
