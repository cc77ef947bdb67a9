import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { recordAudit } from '../../shared/audit.repo';
import { today } from '../../shared/validation';
import { listDate } from './choices';
import { endedCount, Plan, PlanChoices, PlanInput, planImport } from './plan';
import { ImportOptions, parseFile } from './parse';
import { ImportRefused, problemsToStore } from './refusal';
import * as repo from './import.repo';
import { allowBulkStatements } from '../../db/statement-timeout.repo';
import { recordVacancies } from '../vacancies.repo';

export { ImportRefused };

/** What a batch keeps of its preview, so that confirming applies exactly that. */
interface StoredPlan {
  /** The plan as the rules make it, before any choice of the coordinator's. */
  plan: Plan;
  /** The file's rows: applying re-plans them with the coordinator's choices. */
  input?: PlanInput;
  fingerprint: string;
  encoding: string;
  total: number;
  /** Problems found, of which the batch stores the first few hundred (older batches: all of them). */
  problemCount?: number;
  /** Rows that name no province anywhere (column, riding lists, addresses): the preview warns. */
  noProvince?: { line: number; name: string; constituency: string }[];
  /** Seats the file lists as vacant: shown, never imported as officials. */
  vacant?: { line: number; constituency: string }[];
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
  const rows: PlanInput = { scope: parsed.scope, rows: parsed.rows, named: parsed.named };
  const endedOn = listDate(input.fileName) ?? today();
  const plan = await withMeetingCounts(db, await planImport(rows, existing, { flips: [], endedOn }));
  const noProvince = parsed.rows.filter((r) => !r.province).map((r) => ({ line: r.line, name: `${r.first_name} ${r.last_name}`, constituency: r.constituency }));
  const stored: StoredPlan = { plan, input: rows, fingerprint, encoding: parsed.encoding, total: parsed.total, problemCount: parsed.problems.length, noProvince, vacant: parsed.vacant };
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

/** Each case says how many meetings its choice keeps with one person or gives to the other. */
async function withMeetingCounts(db: Knex, plan: Plan): Promise<Plan> {
  const counts = await repo.meetingCounts(db, plan.cases.map((c) => c.official.id));
  return { ...plan, cases: plan.cases.map((c) => ({ ...c, meetings: counts.get(c.official.id) ?? 0 })) };
}

export interface Preview {
  batch: repo.BatchRow;
  plan: Plan;
  encoding: string;
  total: number;
  /** Every problem found; `batch.problems` holds the first of them. */
  problemCount: number;
  noProvince: NonNullable<StoredPlan['noProvince']>;
  vacant: NonNullable<StoredPlan['vacant']>;
  alreadyImported?: { id: number; applied_at: string };
}

/** The preview as stored or, given the coordinator's choices, as those choices would apply it. */
export async function getPreview(db: Knex, id: number, choices?: PlanChoices): Promise<Preview | undefined> {
  const batch = await repo.findBatch(db, id);
  if (!batch || !batch.plan) return undefined;
  const stored = batch.plan as StoredPlan;
  // A batch previewed before the identity cases existed has none, and no "ended on" of its own.
  let plan: Plan = { ...stored.plan, cases: stored.plan.cases ?? [], endedOn: stored.plan.endedOn ?? today() };
  if (choices && stored.input) plan = await withMeetingCounts(db, await planImport(stored.input, await repo.scopeOfficials(db, plan.scope), choices));
  const alreadyImported = await repo.lastAppliedWithSha(db, batch.sha256);
  return { batch, plan, encoding: stored.encoding, total: stored.total, problemCount: stored.problemCount ?? batch.problems.length, noProvince: stored.noProvince ?? [], vacant: stored.vacant ?? [], alreadyImported };
}

export type ConfirmResult = { ok: true; batch: repo.BatchRow } | { ok: false; reason: string };

export interface ConfirmOptions {
  complete: boolean;
  /** The coordinator's choices; without them, the rules' own and the preview's "ended on". */
  choices?: PlanChoices;
}

/**
 * Applies a previewed batch in one transaction, after every other import (advisory lock), and only
 * if the officials it was computed against have not changed since the preview.
 */
export async function confirmImport(db: Knex, id: number, options: ConfirmOptions | boolean, userId: number | null): Promise<ConfirmResult | undefined> {
  const opts = typeof options === 'boolean' ? { complete: options } : options;
  try {
    return await applyBatch(db, id, opts, userId);
  } catch (err) {
    // Two sitting officials for one seat: the database refused; nothing was written.
    if ((err as { code?: string }).code !== '23505') throw err;
    await repo.markBatch(db, id, { status: 'failed' });
    return { ok: false, reason: 'officials:refused.conflict' };
  }
}

function applyBatch(db: Knex, id: number, { complete, choices }: ConfirmOptions, userId: number | null): Promise<ConfirmResult | undefined> {
  return db.transaction(async (trx) => {
    await allowBulkStatements(trx);
    await repo.lockImports(trx);
    const batch = await repo.findBatch(trx, id, true);
    if (!batch || !batch.plan) return undefined;
    if (batch.status !== 'previewed') return { ok: false, reason: `officials:refused.${batch.status === 'applied' ? 'alreadyApplied' : 'notPending'}` };
    const stored = batch.plan as StoredPlan;
    if (!stored.input) return { ok: false, reason: 'officials:refused.notPending' };
    if ((await repo.scopeFingerprint(trx, stored.plan.scope)) !== stored.fingerprint) {
      await repo.markBatch(trx, id, { status: 'superseded' });
      return { ok: false, reason: 'officials:refused.stale' };
    }
    // The officials are as they were at the preview: its plan holds unless a choice changes it.
    const replan = !!choices && (choices.flips.length > 0 || choices.endedOn !== stored.plan.endedOn);
    const plan = replan ? await planImport(stored.input, await repo.scopeOfficials(trx, stored.plan.scope), choices) : stored.plan;
    const source = `import:${id}`;
    await repo.endOfficials(trx, complete ? [...plan.replace, ...plan.missing] : plan.replace);
    await repo.updateOfficials(trx, source, plan.update.map((u) => ({ ...u.values, id: u.id })));
    await repo.insertOfficials(trx, plan.scope, source, plan.add.map(({ line: _line, ...values }) => values));
    await recordVacancies(trx, plan.scope, source, stored.vacant ?? [], plan.add.filter((a) => !a.end_date).map((a) => a.constituency ?? ''), today());
    const ended = endedCount(plan, complete);
    await repo.markBatch(trx, id, {
      status: 'applied', complete, ended, added: plan.add.length, updated: plan.update.length, unchanged: plan.unchanged,
      // The batch shows what was applied, with each case as the coordinator chose it.
      ...(replan ? { plan: JSON.stringify({ ...stored, plan: { ...plan, cases: plan.cases.map((c) => ({ ...c, meetings: stored.plan.cases.find((s) => s.line === c.line)?.meetings ?? 0 })) } }) } : {}),
      applied_at: trx.fn.now() as unknown as string,
    });
    await recordAudit(trx, {
      user_id: userId, action: 'import', entity: 'import_batch', entity_id: id,
      changes: { added: plan.add.length, updated: plan.update.length, ended, flipped: choices?.flips ?? [] },
    });
    return { ok: true, batch: (await repo.findBatch(trx, id, false, false))! };
  });
}

export { countBatches, listBatches } from './import.repo';
