import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { recordAudit } from '../../shared/audit.repo';
import { fold } from '../../shared/fold';
import { today } from '../../shared/validation';
import { bodyKey } from './bodies';
import { listDate } from './choices';
import { endedCount, endings, mergePlans, Plan, PlanChoices, PlanInput, planImport } from './plan';
import { FileBody, ImportOptions, parseFile } from './parse';
import { ImportRefused, problemsToStore } from './refusal';
import * as repo from './import.repo';
import type { StoredBody, StoredPlan } from './stored-plan';
import { allowBulkStatements } from '../../db/statement-timeout.repo';
import { recordVacancies } from '../vacancies.repo';
import { recordCouncil } from '../councils.repo';
import { stringifyInTurns } from './turns';

export { ImportRefused };

/**
 * The batch's bodies, whichever way it was stored (what a plan stored before the identity cases,
 * the vacated seats or its own "ended on" day lacks, its schema fills in: stored-plan.ts).
 */
function storedBodies(stored: StoredPlan): StoredBody[] {
  return stored.bodies ?? [{ key: bodyKey(stored.plan!.scope), plan: stored.plan!, input: stored.input, fingerprint: stored.fingerprint ?? '', total: stored.total, vacant: stored.vacant ?? [] }];
}

export interface PreviewInput {
  bytes: Buffer;
  fileName: string;
  userId: number | null;
  options: ImportOptions;
}

/**
 * Reads the file and computes what applying it would do, body by body, writing nothing but the
 * batch record. Throws ImportRefused, with a plain reason, for a file it will not take.
 */
export async function previewImport(db: Knex, input: PreviewInput): Promise<number> {
  const parsed = await parseFile(input.bytes, input.options);
  const endedOn = listDate(input.fileName) ?? today();
  const bodies = await withMeetingCounts(db, await db.transaction(async (trx) => {
    const planned: StoredBody[] = [];
    for (const body of parsed.bodies) planned.push(await planBody(trx, body, endedOn));
    return planned;
  }));
  const plan = mergePlans(bodies.map((b) => b.plan), bodies[0].plan.scope, endedOn);
  const rows = parsed.bodies.flatMap((b) => b.rows);
  const noProvince = rows.filter((r) => !r.province).map((r) => ({ line: r.line, name: `${r.first_name} ${r.last_name}`, constituency: r.constituency }));
  const stored: StoredPlan = { bodies, encoding: parsed.encoding, total: parsed.total, problemCount: parsed.problems.length, noProvince };
  const several = bodies.length > 1;
  return repo.insertBatch(db, {
    user_id: input.userId,
    file_name: input.fileName.slice(0, 255),
    sha256: crypto.createHash('sha256').update(input.bytes).digest('hex'),
    format: parsed.format,
    level: several ? null : plan.scope.level,
    jurisdiction: several ? null : plan.scope.jurisdiction,
    bodies: several ? bodies.map((b) => ({ ...b.plan.scope, city: b.city ?? null })) : null,
    status: 'previewed',
    added: plan.add.length,
    updated: plan.update.length,
    unchanged: plan.unchanged,
    ended: endedCount(plan, false),
    rejected: new Set(parsed.problems.map((p) => p.line)).size,
    problems: problemsToStore(parsed.problems),
    plan: stored,
  });
}

async function planBody(trx: Knex, body: FileBody, endedOn: string): Promise<StoredBody> {
  const existing = await repo.scopeOfficials(trx, body.scope);
  const fingerprint = await repo.scopeFingerprint(trx, body.scope);
  const input: PlanInput = { scope: body.scope, rows: body.rows, named: body.named, vacant: body.vacant.map((v) => fold(v.constituency)) };
  const plan = await planImport(input, existing, { flips: [], endedOn });
  return { key: bodyKey(body.scope), city: body.city, plan, input, fingerprint, total: body.total, vacant: body.vacant };
}

/** Each case says how many meetings its choice keeps with one person or gives to the other. */
async function withMeetingCounts<B extends { plan: Plan }>(db: Knex, bodies: B[]): Promise<B[]> {
  const counts = await repo.meetingCounts(db, bodies.flatMap((b) => b.plan.cases.map((c) => c.official.id)));
  return bodies.map((b) => ({ ...b, plan: { ...b.plan, cases: b.plan.cases.map((c) => ({ ...c, meetings: counts.get(c.official.id) ?? 0 })) } }));
}

/** A body of the preview: what it would do, and whether the coordinator keeps it in the import. */
export interface BodyPreview extends StoredBody {
  chosen: boolean;
}

export interface Preview {
  batch: repo.BatchRow;
  bodies: BodyPreview[];
  /** The chosen bodies' plans added up: the counts and lists the preview shows. */
  plan: Plan;
  encoding: string;
  total: number;
  /** Every problem found; `batch.problems` holds the first of them. */
  problemCount: number;
  noProvince: NonNullable<StoredPlan['noProvince']>;
  vacant: StoredBody['vacant'];
  alreadyImported?: { id: number; applied_at: Date };
}

/** The preview as stored or, given the coordinator's choices, as those choices would apply it. */
export async function getPreview(db: Knex, id: number, choices?: PlanChoices): Promise<Preview | undefined> {
  const batch = await repo.findBatch(db, id);
  if (!batch || !batch.plan) return undefined;
  const stored = batch.plan;
  let bodies: BodyPreview[] = storedBodies(stored).map((b) => ({ ...b, chosen: b.applied ?? (!choices?.bodies || choices.bodies.includes(b.key)) }));
  if (choices) {
    bodies = await withMeetingCounts(db, await Promise.all(bodies.map(async (b) => (b.chosen && b.input
      ? { ...b, plan: await planImport(b.input, await repo.scopeOfficials(db, b.plan.scope), choices) }
      : b))));
  }
  const chosen = bodies.filter((b) => b.chosen);
  const plan = mergePlans(chosen.map((b) => b.plan), (chosen[0] ?? bodies[0]).plan.scope, chosen[0]?.plan.endedOn ?? bodies[0].plan.endedOn);
  const alreadyImported = await repo.lastAppliedWithSha(db, batch.sha256);
  return {
    batch, bodies, plan, encoding: stored.encoding, total: stored.total, problemCount: stored.problemCount ?? batch.problems.length,
    noProvince: stored.noProvince ?? [], vacant: chosen.flatMap((b) => b.vacant), alreadyImported,
  };
}

/** The counts of the chosen bodies, each ending its missing officials if its list is declared complete. */
export function chosenCounts(bodies: BodyPreview[], complete: boolean | string[]) {
  const chosen = bodies.filter((b) => b.chosen);
  return {
    added: chosen.reduce((n, b) => n + b.plan.add.length, 0),
    updated: chosen.reduce((n, b) => n + b.plan.update.length, 0),
    unchanged: chosen.reduce((n, b) => n + b.plan.unchanged, 0),
    ended: chosen.reduce((n, b) => n + endedCount(b.plan, isComplete(complete, b.key)), 0),
  };
}

export type ConfirmResult = { ok: true; batch: repo.BatchRow } | { ok: false; reason: string };

export interface ConfirmOptions {
  /** The file is the complete list: of every body (true), or of the bodies with these keys. */
  complete: boolean | string[];
  /** The coordinator's choices; without them, the rules' own, every body and the preview's "ended on". */
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

/** Whether the coordinator declared this body's list complete. */
export const isComplete = (complete: boolean | string[], key: string) => (typeof complete === 'boolean' ? complete : complete.includes(key));

function applyBatch(db: Knex, id: number, { complete, choices }: ConfirmOptions, userId: number | null): Promise<ConfirmResult | undefined> {
  return db.transaction(async (trx) => {
    await allowBulkStatements(trx);
    await repo.lockImports(trx);
    const batch = await repo.findBatch(trx, id, true);
    if (!batch || !batch.plan) return undefined;
    if (batch.status !== 'previewed') return { ok: false, reason: `officials:refused.${batch.status === 'applied' ? 'alreadyApplied' : 'notPending'}` };
    const stored = batch.plan;
    const bodies = storedBodies(stored);
    const chosen = bodies.filter((b) => !choices?.bodies || choices.bodies.includes(b.key));
    if (!chosen.length || chosen.some((b) => !b.input)) return { ok: false, reason: 'officials:refused.notPending' };
    for (const body of chosen) {
      if ((await repo.scopeFingerprint(trx, body.plan.scope)) !== body.fingerprint) {
        await repo.markBatch(trx, id, { status: 'superseded' });
        return { ok: false, reason: 'officials:refused.stale' };
      }
    }
    // The officials are as they were at the preview: each plan holds unless a choice changes it.
    const replan = !!choices && (choices.flips.length > 0 || choices.endedOn !== bodies[0].plan.endedOn);
    const source = `import:${id}`;
    const applied: StoredBody[] = [];
    for (const body of bodies) {
      if (!chosen.includes(body)) { applied.push({ ...body, applied: false }); continue; }
      const plan = replan ? await planImport(body.input!, await repo.scopeOfficials(trx, body.plan.scope), choices) : body.plan;
      const whole = isComplete(complete, body.key);
      await applyPlan(trx, plan, source, body, whole);
      // The batch shows what was applied, with each case as the coordinator chose it.
      const cases = plan.cases.map((c) => ({ ...c, meetings: body.plan.cases.find((s) => s.line === c.line)?.meetings ?? 0 }));
      applied.push({ ...body, plan: { ...plan, cases }, applied: true, complete: whole });
    }
    const done = applied.filter((b) => b.applied);
    const total = mergePlans(done.map((b) => b.plan), done[0].plan.scope, done[0].plan.endedOn);
    const ended = done.reduce((n, b) => n + endedCount(b.plan, !!b.complete), 0);
    await repo.markBatch(trx, id, {
      status: 'applied', complete: done.some((b) => b.complete), ended, added: total.add.length, updated: total.update.length, unchanged: total.unchanged,
      // Rewritten only when it differs from the preview's (a choice, a body left out, several bodies): it holds every row.
      ...(replan || bodies.length > 1 ? { plan: await stringifyInTurns({ ...stored, bodies: applied, plan: undefined, input: undefined }) } : {}),
      applied_at: trx.fn.now(),
    });
    await recordAudit(trx, {
      user_id: userId, action: 'import', entity: 'import_batch', entity_id: id,
      changes: { added: total.add.length, updated: total.update.length, ended, flipped: choices?.flips ?? [], bodies: done.map((b) => b.key) },
    });
    return { ok: true, batch: (await repo.findBatch(trx, id, false, false))! };
  });
}

/** One body's plan written: ended, updated, added, its vacant seats and its council's city recorded. */
async function applyPlan(trx: Knex, plan: Plan, source: string, body: StoredBody, complete: boolean): Promise<void> {
  await repo.endOfficials(trx, endings(plan, complete));
  await repo.updateOfficials(trx, source, plan.update.map((u) => ({ ...u.values, id: u.id })));
  await repo.insertOfficials(trx, plan.scope, source, plan.add.map(({ line: _line, ...values }) => values));
  await recordVacancies(trx, plan.scope, source, body.vacant, plan.add.filter((a) => !a.end_date).map((a) => a.constituency ?? ''), today());
  if (body.city) await recordCouncil(trx, plan.scope.jurisdiction, body.city);
}

export { countBatches, listBatches } from './import.repo';
