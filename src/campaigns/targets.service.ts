import type { z } from 'zod';
import type { Db } from '../db';
import { rows } from '../db/one-statement';
import { allRows } from '../db/rows';
import { recordAudit } from '../shared/audit.repo';
import { hasRole } from '../shared/auth-guards';
import { NotFoundError } from '../shared/errors';
import type { SessionUser } from '../shared/types';
import { findCampaign } from './campaigns.repo';
import { addTargetsById, addTargetsByFilter, ClaimRow, claimsForOfficial, findTarget, findTargetClaim, LocalChoice, localChoices, localExists, removeTarget, setClaim,
  TargetFilter } from './targets.repo';

export type TargetsToAdd = { by: 'filter'; filter: TargetFilter } | { by: 'hand'; officialIds: number[] };

export async function addTargets(db: Db, actorId: number, campaignId: number, what: TargetsToAdd): Promise<number> {
  return db.transaction(async (trx) => {
    if (!(await findCampaign(trx, campaignId))) throw new NotFoundError();
    const added = what.by === 'filter'
      ? await addTargetsByFilter(trx, campaignId, what.filter)
      : await addTargetsById(trx, campaignId, what.officialIds);
    await recordAudit(trx, { user_id: actorId, action: 'add_targets', entity: 'campaign', entity_id: campaignId, changes: { ...what, added } });
    return added;
  });
}

export async function dropTarget(db: Db, actorId: number, campaignId: number, officialId: number): Promise<void> {
  await db.transaction(async (trx) => {
    if (!(await removeTarget(trx, campaignId, officialId))) throw new NotFoundError();
    await recordAudit(trx, { user_id: actorId, action: 'remove_target', entity: 'campaign', entity_id: campaignId, changes: { official_id: officialId } });
  });
}

export type ClaimResult = { ok: true } | { ok: false; reason: 'taken' | 'noLocal' | 'notYours' };

/**
 * "Our local will meet this official". A member claims for their own local and only an unclaimed
 * target (two locals must not book the same official); a coordinator claims for any local, or moves
 * a claim. `localId` null releases the claim: a member only their own local's.
 */
export async function changeClaim(db: Db, user: SessionUser, campaignId: number, officialId: number, localId: number | null): Promise<ClaimResult> {
  const coordinator = hasRole(user, 'coordinator');
  return db.transaction(async (trx) => {
    const target = await findTarget(trx, campaignId, officialId);
    if (!target) throw new NotFoundError();
    const held = target.claimed_by_local_id;
    if (!coordinator) {
      if (!user.local_id) return { ok: false as const, reason: 'noLocal' as const };
      if (localId !== null && localId !== user.local_id) return { ok: false as const, reason: 'notYours' as const };
      if (localId !== null && held !== null && held !== user.local_id) return { ok: false as const, reason: 'taken' as const };
      if (localId === null && held !== user.local_id) return { ok: false as const, reason: 'notYours' as const };
    }
    if (localId !== null && !(await localExists(trx, localId))) throw new NotFoundError();
    await setClaim(trx, campaignId, officialId, localId);
    await recordAudit(trx, { user_id: user.id, action: localId ? 'claim' : 'unclaim', entity: 'campaign', entity_id: campaignId,
      changes: { official_id: officialId, from: held, to: localId } });
    return { ok: true as const };
  });
}

/** What this user may do about a target's claim: the same rules as changeClaim, for the buttons. */
export function claimRights(user: SessionUser, claimedBy: number | null) {
  const coordinator = hasRole(user, 'coordinator');
  return {
    can_claim: coordinator || (!!user.local_id && claimedBy === null),
    can_unclaim: claimedBy !== null && (coordinator || claimedBy === user.local_id),
  };
}

/**
 * What the official's page shows about claims (views/campaigns/_official-claims.ejs), in two steps
 * so that the officials feature reads it within its page's one statement: this column, read beside
 * the official's row, then claimsOf on what it gave.
 */
export function officialClaimsColumn(db: Db, officialId: number) {
  return rows(ClaimRow, claimsForOfficial(db, officialId));
}

/**
 * Each campaign targeting the official with its claim and what this user may do about it (a
 * coordinator chooses the local on the claim page): the partial's `claims` local.
 */
export function claimsOf(user: SessionUser, officialId: number, rows: z.output<typeof ClaimRow>[]) {
  return {
    official_id: officialId,
    pick_local: hasRole(user, 'coordinator'),
    rows: rows.map((r) => ({ ...r, ...claimRights(user, r.claimed_by_local_id) })),
  };
}

/** The claim page of one target: the target, this user's rights, and the locals a coordinator can pick. */
export async function claimPage(db: Db, user: SessionUser, campaignId: number, officialId: number) {
  const target = await findTargetClaim(db, campaignId, officialId);
  if (!target) throw new NotFoundError();
  return {
    target: { ...target, ...claimRights(user, target.claimed_by_local_id) },
    localChoices: hasRole(user, 'coordinator') ? await allRows(LocalChoice, localChoices(db), 'the locals') : [],
  };
}
