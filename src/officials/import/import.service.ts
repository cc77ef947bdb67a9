import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { recordAudit } from '../../shared/audit.repo';
import { endedCount, Plan, planImport } from './plan';
import { ImportOptions, parseFile } from './parse';
import { ImportRefused, problemsToStore } from './refusal';
import * as repo from './import.repo';
import { allowBulkStatements } from '../../db/statement-timeout.repo';

export { ImportRefused };

/** What a batch keeps of its preview, so that confirming applies exactly that. */
interface StoredPlan {
  plan: Plan;
  fingerprint: string;
  encoding: string;
  total: number;
  /** Problems found, of which the batch stores the first few hundred (older batches: all of them). */
  problemCount?: number;
}

export interface PreviewInput {
  bytes: Buffer;
  fileName: string;
  userId: number | null;
  options: ImportOptions;
}

/**
 * Reads the file and computes what applying it would do, writing nothing but the batch record.
 * Throws ImportRefused, with a plain reason, for a file it will not take.
 */
export async function previewImport(db: Knex, input: PreviewInput): Promise<number> {
  const parsed = await parseFile(input.bytes, input.options);
  const [existing, fingerprint] = await db.transaction(async (trx) => [
    await repo.scopeOfficials(trx, parsed.scope),
    await repo.scopeFingerprint(trx, parsed.scope),
  ] as const);
  const plan = await planImport(parsed, existing);
  const stored: StoredPlan = { plan, fingerprint, encoding: parsed.encoding, total: parsed.total, problemCount: parsed.problems.length };
  return repo.insertBatch(db, {
    user_id: input.userId,
    file_name: input.fileName.slice(0, 255),
    sha256: crypto.createHash('sha256').update(input.bytes).digest('hex'),
    format: parsed.format,
    level: parsed.scope.level,
    jurisdiction: parsed.scope.jurisdiction,
    status: 'previewed',
    added: plan.add.length,
    updated: plan.update.length,
    unchanged: plan.unchanged,
    ended: plan.replace.length,
    rejected: new Set(parsed.problems.map((p) => p.line)).size,
    problems: problemsToStore(parsed.problems),
    plan: stored,
  });
}

export interface Preview {
  batch: repo.BatchRow;
  plan: Plan;
  encoding: string;
  total: number;
  /** Every problem found; `batch.problems` holds the first of them. */
  problemCount: number;
  alreadyImported?: { id: number; applied_at: string };
}

export async function getPreview(db: Knex, id: number): Promise<Preview | undefined> {
  const batch = await repo.findBatch(db, id);
  if (!batch || !batch.plan) return undefined;
  const stored = batch.plan as StoredPlan;
  const alreadyImported = await repo.lastAppliedWithSha(db, batch.sha256);
  return { batch, plan: stored.plan, encoding: stored.encoding, total: stored.total, problemCount: stored.problemCount ?? batch.problems.length, alreadyImported };
}

export type ConfirmResult = { ok: true; batch: repo.BatchRow } | { ok: false; reason: string };

/**
 * Applies a previewed batch in one transaction, after every other import (advisory lock), and only
 * if the officials it was computed against have not changed since the preview.
 */
export async function confirmImport(db: Knex, id: number, complete: boolean, userId: number | null): Promise<ConfirmResult | undefined> {
  try {
    return await applyBatch(db, id, complete, userId);
  } catch (err) {
    // Two sitting officials for one seat: the database refused; nothing was written.
    if ((err as { code?: string }).code !== '23505') throw err;
    await repo.markBatch(db, id, { status: 'failed' });
    return { ok: false, reason: 'officials:refused.conflict' };
  }
}

function applyBatch(db: Knex, id: number, complete: boolean, userId: number | null): Promise<ConfirmResult | undefined> {
  return db.transaction(async (trx) => {
    await allowBulkStatements(trx);
    await repo.lockImports(trx);
    const batch = await repo.findBatch(trx, id, true);
    if (!batch || !batch.plan) return undefined;
    if (batch.status !== 'previewed') return { ok: false, reason: `officials:refused.${batch.status === 'applied' ? 'alreadyApplied' : 'notPending'}` };
    const { plan, fingerprint } = batch.plan as StoredPlan;
    if ((await repo.scopeFingerprint(trx, plan.scope)) !== fingerprint) {
      await repo.markBatch(trx, id, { status: 'superseded' });
      return { ok: false, reason: 'officials:refused.stale' };
    }
    const source = `import:${id}`;
    await repo.endOfficials(trx, complete ? [...plan.replace, ...plan.missing] : plan.replace);
    await repo.updateOfficials(trx, source, plan.update.map((u) => ({ ...u.values, id: u.id })));
    await repo.insertOfficials(trx, plan.scope, source, plan.add.map(({ line: _line, ...values }) => values));
    const ended = endedCount(plan, complete);
    await repo.markBatch(trx, id, { status: 'applied', complete, ended, applied_at: trx.fn.now() as unknown as string });
    await recordAudit(trx, {
      user_id: userId, action: 'import', entity: 'import_batch', entity_id: id,
      changes: { added: plan.add.length, updated: plan.update.length, ended },
    });
    return { ok: true, batch: (await repo.findBatch(trx, id))! };
  });
}

export { countBatches, listBatches } from './import.repo';
