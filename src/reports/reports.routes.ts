import { Router } from 'express';
import type { Db } from '../db';
import { requireRole } from '../shared/auth-guards';
import { parseActivityFilters } from '../shared/filters';
import { filterChoices } from '../dashboard/dashboard.service';
import { text } from '../shared/validation';
import { isClientAbort } from './reports.csv';
import { ExportSlots, renderBusy } from './export-slots';
import { exportReport, reportFileName } from './reports.service';
import { parseReportRequest, previousMonth, REPORTS } from './reports.validate';
import { signedInUser } from '../shared/params';

const FILTER_FIELDS = ['campaign', 'province', 'party', 'local', 'from', 'to'] as const;

/**
 * /reports: the downloads (coordinators and admins only), each at a stable, bookmarkable URL; as many
 * at once as `slots` allows, each cut off when its client stops reading for `stallTimeoutMs`.
 */
export function reportsRouter(db: Db, slots: ExportSlots, stallTimeoutMs?: number): Router {
  const router = Router();
  router.use(requireRole('coordinator'));

  router.get('/', async (req, res) => {
    const parsed = parseActivityFilters(req.query);
    const values = Object.fromEntries(FILTER_FIELDS.map((k) => [k, text(req.query[k])]));
    res.status(parsed.ok ? 200 : 400).render('reports/index', {
      // The dashboard's filters, so that a report matches the figures a coordinator was looking at.
      choices: await filterChoices(db, signedInUser(req)),
      values: { ...values, lang: req.lang, month: previousMonth() },
      errors: parsed.ok ? {} : parsed.errors,
    });
  });

  router.get('/lobbying-registry', (_req, res) => {
    res.render('reports/registry-rules');
  });

  for (const report of REPORTS) {
    router.get(`/${report}.csv`, async (req, res) => {
      const parsed = parseReportRequest(report, req.query, req.lang);
      if (!parsed.ok) return res.status(400).render('reports/bad-request', { problems: Object.values(parsed.errors) });
      // Express answers HEAD with this handler: give the headers only, without running or auditing an export.
      const slot = req.method === 'HEAD' ? undefined : slots.take(signedInUser(req).id);
      if (typeof slot === 'string') return renderBusy(req, res, slot, slots.maxPerUser);
      res.attachment(reportFileName(parsed.value)).type('text/csv; charset=utf-8').set('Cache-Control', 'no-store');
      if (!slot) return res.end();
      // Freed as soon as the client goes away, not once the pipeline has wound down: a download
      // cancelled and started again must not find its own slot still taken.
      res.once('close', slot.release);
      try {
        await exportReport(db, signedInUser(req).id, parsed.value, res, stallTimeoutMs);
      } catch (err) {
        // A download the user cancelled or stopped reading is not a fault; anything else is logged by the error handler.
        if (!isClientAbort(err, res)) throw err;
      } finally {
        slot.release();
      }
    });
  }
  return router;
}
