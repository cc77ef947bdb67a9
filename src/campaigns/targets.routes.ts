import { Router, Request, Response } from 'express';
import type { Db } from '../db';
import { requireRole, safeReturnPath } from '../shared/auth-guards';
import { flash } from '../shared/flash';
import { isCode, LEVELS, PROVINCES } from '../vocab/vocab';
import { id, list, MAX_LENGTH, text } from '../shared/validation';
import { campaignOr404 } from './campaigns.service';
import { searchOfficialsForTargets, targetChoices } from './targets.repo';
import { addTargets, changeClaim, claimPage, dropTarget, TargetsToAdd } from './targets.service';
import { formBody, paramId, signedInUser } from '../shared/params';

/** Adding and removing a campaign's targets (coordinators), and claiming them (members and up). */
export function targetsRouter(db: Db): Router {
  const router = Router();
  const coordinator = requireRole('coordinator');

  router.get('/:id/targets', coordinator, async (req, res) => {
    const campaign = await campaignOr404(db, req.params.id);
    const q = text(req.query.q, MAX_LENGTH.name).slice(0, MAX_LENGTH.name);
    res.render('campaigns/targets', {
      campaign, q, choices: await targetChoices(db),
      results: q ? await searchOfficialsForTargets(db, campaign.id, q) : [],
    });
  });

  router.post('/:id/targets', coordinator, async (req, res) => {
    const campaign = await campaignOr404(db, req.params.id);
    const what = parseTargetsToAdd(formBody(req));
    if (!what) {
      flash(req, 'error', req.t('campaigns:targets.nothingChosen'));
      return res.redirect(303, `/campaigns/${campaign.id}/targets`);
    }
    const added = await addTargets(db, signedInUser(req).id, campaign.id, what);
    flash(req, 'success', req.t('campaigns:targets.added', { count: added }));
    res.redirect(303, `/campaigns/${campaign.id}`);
  });

  router.post('/:id/targets/:officialId/remove', coordinator, async (req, res) => {
    const campaign = await campaignOr404(db, req.params.id);
    const officialId = paramId(req.params.officialId);
    await dropTarget(db, signedInUser(req).id, campaign.id, officialId);
    flash(req, 'success', req.t('campaigns:targets.removed'));
    res.redirect(303, backTo(req, `/campaigns/${campaign.id}`));
  });

  // The rows of the dashboard and the official's page link here rather than each carry every local.
  router.get('/:id/targets/:officialId/claim', requireRole('member'), async (req, res) => {
    const campaignId = paramId(req.params.id);
    const officialId = paramId(req.params.officialId);
    res.render('campaigns/claim', { ...(await claimPage(db, signedInUser(req), campaignId, officialId)),
      returnTo: safeReturnPath(req.query.return_to) ?? '/dashboard' });
  });
  router.post('/:id/targets/:officialId/claim', requireRole('member'), (req, res) => claim(req, res, 'claim'));
  router.post('/:id/targets/:officialId/unclaim', requireRole('member'), (req, res) => claim(req, res, 'unclaim'));

  async function claim(req: Request, res: Response, action: 'claim' | 'unclaim') {
    const campaignId = paramId(req.params.id);
    const officialId = paramId(req.params.officialId);
    // A coordinator picks the local (their own by default); a member's own local is the only one the service accepts.
    const chosen = id(formBody(req).local_id) ?? signedInUser(req).local_id;
    const localId = action === 'unclaim' ? null : chosen;
    const result = action === 'claim' && !localId
      ? { ok: false as const, reason: 'noLocal' as const }
      : await changeClaim(db, signedInUser(req), campaignId, officialId, localId);
    flash(req, result.ok ? 'success' : 'error', req.t(result.ok ? `campaigns:claims.done.${action}` : `campaigns:claims.${result.reason}`));
    res.redirect(303, backTo(req, '/dashboard'));
  }

  return router;
}

function backTo(req: Request, fallback: string): string {
  return safeReturnPath(formBody(req).return_to) ?? fallback;
}

/** The add-targets form: a level with optional province and party, or officials ticked by hand. */
function parseTargetsToAdd(body: Record<string, unknown>): TargetsToAdd | undefined {
  if (text(body.by) === 'hand') {
    const officialIds = list(body.official_ids).map(id).filter((n): n is number => !!n).slice(0, 1000);
    return officialIds.length ? { by: 'hand', officialIds } : undefined;
  }
  const level = text(body.level);
  if (!isCode(LEVELS, level)) return undefined;
  const province = text(body.province).toUpperCase();
  const party = text(body.party, MAX_LENGTH.name).slice(0, MAX_LENGTH.name);
  return { by: 'filter', filter: { level, province: isCode(PROVINCES, province) ? province : undefined, party: party || undefined } };
}
