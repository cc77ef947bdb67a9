import fs from 'node:fs';
import path from 'node:path';
import { Request, Response, Router } from 'express';
import type { Db } from '../db';
import { ROOT_DIR } from '../config';
import { requireRole } from '../shared/auth-guards';
import { NotFoundError } from '../shared/errors';
import { flash } from '../shared/flash';
import { paginate } from '../shared/pagination';
import { uploadedFile, uploadForm } from '../shared/upload';
import { text } from '../shared/validation';
import { parseBodyChoices, parseChoices } from './import/choices';
import type { PlanChoices } from './import/plan';
import { FORMATS } from './import/formats';
import { chosenCounts, confirmImport, countBatches, getPreview, ImportRefused, listBatches, previewImport } from './import/import.service';
import type { MissingColumns } from './import/refusal';
import { LEVELS } from '../vocab/vocab';
import { parseImportForm } from './imports.validate';
import { previewBundledList } from './import/bundled';
import { directoryIsEmpty } from './officials.repo';
import { bodyNameLocals } from './jurisdictions';
import { formBody, found, paramId, signedInUser } from '../shared/params';

/** Where the import's file is posted: the one path that accepts a multipart body (see app.ts). */
export const IMPORT_UPLOAD_PATH = '/officials/imports';

export const TEMPLATE_FILE = path.join(ROOT_DIR, 'data', 'officials-template.csv');

/** /officials/imports: upload → preview → confirm, and the list of past batches. Coordinators and admins. */
export function importsRouter(db: Db): Router {
  const router = Router();
  router.use(requireRole('coordinator'));
  router.use(bodyNameLocals);

  async function renderIndex(req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const pageInfo = paginate(req.query.page, await countBatches(db), 20);
    const batches = await listBatches(db, pageInfo.offset, pageInfo.limit);
    res.status(status).render('officials/imports', {
      batches, pageInfo, offerBundled: await directoryIsEmpty(db), levels: LEVELS, templateColumns: FORMATS.template.required.concat(FORMATS.template.optional).join(', '), ...extra,
    });
  }

  router.get('/', (req, res) => renderIndex(req, res));

  router.get('/template.csv', (_req, res) => {
    res.attachment('officials-template.csv').type('text/csv; charset=utf-8').send(fs.readFileSync(TEMPLATE_FILE));
  });

  router.post('/', ...uploadForm, async (req, res) => {
    const body = formBody(req);
    const form = parseImportForm(body);
    const file = uploadedFile(req);
    const errors: Record<string, string> = form.ok ? {} : { ...form.errors };
    let refusal: { key: string; params: Record<string, string | number>; missing?: MissingColumns[] } | undefined;
    if (req.uploadError === 'LIMIT_FILE_SIZE') refusal = { key: 'officials:refused.tooLarge', params: {} };
    else if (!file) refusal = { key: 'officials:refused.noFile', params: {} };
    if (!refusal && form.ok && file) {
      try {
        const batchId = await previewImport(db, { bytes: file.buffer, fileName: file.originalname, userId: signedInUser(req).id, options: form.value });
        return res.redirect(303, `/officials/imports/${batchId}`);
      } catch (err) {
        if (!(err instanceof ImportRefused)) throw err;
        refusal = { key: err.reason, params: err.params, missing: err.missing };
      }
    }
    await renderIndex(req, res, 422, { errors, refusal, values: { level: text(body.level), province: text(body.province), city: text(body.city) }, fileName: file?.originalname });
  });

  /** The first-run offer of an empty directory: the bundled list, previewed like an uploaded file. */
  router.post('/bundled', async (req, res) => {
    res.redirect(303, `/officials/imports/${await previewBundledList(db, signedInUser(req).id)}`);
  });

  router.get('/:id', async (req, res) => {
    const preview = found(await getPreview(db, paramId(req.params.id)));
    res.render('officials/preview', { ...preview, limit: 200, errors: {}, values: {} });
  });

  router.post('/:id', async (req, res) => {
    const batchId = paramId(req.params.id);
    const preview = found(await getPreview(db, batchId));
    const body = formBody(req);
    const choices = parseChoices(preview.plan.cases, preview.plan.endedOn, body);
    const bodies = parseBodyChoices(preview.bodies.map((b) => b.key), body);
    if (!choices.ok || !bodies.ok) {
      const errors = { ...(choices.ok ? {} : choices.errors), ...(bodies.ok ? {} : bodies.errors) };
      return res.status(422).render('officials/preview', { ...preview, limit: 200, errors, values: formValues(body) });
    }
    const planChoices: PlanChoices = { ...choices.value, bodies: bodies.value.bodies };
    if (body.review === '1') return renderReview(res, batchId, planChoices, bodies.value.complete, formValues(body));
    const result = await confirmImport(db, batchId, { complete: bodies.value.complete, choices: planChoices }, signedInUser(req).id);
    if (!result) throw new NotFoundError();
    if (!result.ok) {
      flash(req, 'error', req.t(result.reason));
      return res.redirect(303, `/officials/imports/${batchId}`);
    }
    const b = result.batch;
    const changed = b.added + b.updated + b.ended > 0;
    flash(req, 'success', changed
      ? req.t('officials:preview.applied', { id: b.id, added: b.added, updated: b.updated, ended: b.ended })
      : req.t('officials:preview.appliedNothing', { id: b.id }));
    res.redirect(303, `/officials/imports/${batchId}`);
  });

  /** The preview again, re-planned with the choices made, and nothing written: the counts as they would apply. */
  async function renderReview(res: Response, batchId: number, choices: PlanChoices, complete: string[], values: FormValues) {
    const preview = (await getPreview(db, batchId, choices))!;
    const batch = { ...preview.batch, ...chosenCounts(preview.bodies, complete) };
    res.render('officials/preview', { ...preview, batch, limit: 200, errors: {}, values });
  }

  return router;
}

interface FormValues {
  ended_on?: string;
  complete: boolean;
  /** The bodies ticked, when the form had a box per body. */
  bodies?: string[];
  complete_body: string[];
  [caseLine: `case_${number}`]: string;
}

const list = (value: unknown) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).slice(0, 1000).map((v) => text(v));

/** The choices as sent, to show the form again as the coordinator left it. */
function formValues(body: Record<string, unknown>): FormValues {
  const cases = Object.fromEntries(Object.entries(body).filter(([k]) => /^case_\d{1,6}$/.test(k)).map(([k, v]) => [k, text(v)]));
  return {
    ...cases, ended_on: text(body.ended_on) || undefined, complete: body.complete === '1',
    bodies: text(body.bodies_shown) === '1' ? list(body.bodies) : undefined, complete_body: list(body.complete_body),
  };
}
