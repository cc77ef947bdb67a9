import type { Db } from '../db';
import { changedFields, recordAudit } from '../shared/audit.repo';
import { NotFoundError } from '../shared/errors';
import { anyDefault, Campaign, clearDefault, findCampaign, insertCampaign, listAsks, replaceAsks, updateCampaign } from './campaigns.repo';
import type { CampaignInput } from './campaigns.validate';
import { found, paramId } from '../shared/params';

/** An ask as the audit trail records it: its English, then its French when there is one. */
const askText = (a: { text: string; text_fr: string }) => [a.text, a.text_fr].filter(Boolean).join(' / ');

export type SaveResult = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

/**
 * Creates (id null) or updates a campaign and its asks in one transaction. Exactly one campaign is
 * the default for new meetings: the first one becomes it, making another the default moves it, and
 * the default cannot simply be unticked (there would be none).
 */
export async function saveCampaign(db: Db, actorId: number, id: number | null, input: CampaignInput): Promise<SaveResult> {
  const { asks, ...row } = input;
  return db.transaction(async (trx): Promise<SaveResult> => {
    const before = id ? await findCampaign(trx, id) : undefined;
    if (id && !before) throw new NotFoundError();
    if (before?.is_default && !row.is_default) return { ok: false as const, errors: { is_default: 'campaigns:errors.defaultKept' } };
    if (!before && !(await anyDefault(trx)) && row.active) row.is_default = true;
    if (row.is_default) await clearDefault(trx, id ?? undefined);
    let campaignId: number;
    if (before) {
      await updateCampaign(trx, before.id, row);
      campaignId = before.id;
    } else {
      campaignId = (await insertCampaign(trx, { ...row, created_by: actorId })).id;
    }
    const oldAsks = before ? (await listAsks(trx, campaignId)).map(askText) : [];
    await replaceAsks(trx, campaignId, asks);
    const changes = changedFields({ ...(before ?? {}), asks: oldAsks }, { ...row, asks: asks.map(askText) });
    await recordAudit(trx, { user_id: actorId, action: before ? 'update' : 'create', entity: 'campaign', entity_id: campaignId, changes });
    return { ok: true as const, id: campaignId };
  });
}

/** The campaign a URL names, or 404. */
export async function campaignOr404(db: Db, param: unknown): Promise<Campaign> {
  return found(await findCampaign(db, paramId(param)));
}
