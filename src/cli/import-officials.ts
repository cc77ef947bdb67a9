import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase, migrateLatest } from '../db';
import { translator } from '../i18n/i18n';
import { chosenCounts, confirmImport, getPreview, ImportRefused, isComplete, previewImport } from '../officials/import/import.service';
import { parseChoices } from '../officials/import/choices';
import type { Plan, PlanChoices } from '../officials/import/plan';
import { parseImportForm } from '../officials/imports.validate';
import { jurisdictionName, withBodyNames } from '../officials/jurisdictions';
import { CliError, runCli } from './run-cli';

const USAGE = 'Usage: npm run import:officials -- FILE [--level federal|senate|provincial|territorial|municipal] [--jurisdiction ca|ca_on|…] [--complete] [--ended-on YYYY-MM-DD] [--same-person ROW]… [--different-person ROW]… [--body JURISDICTION]… [--complete-body JURISDICTION]… [--yes]';
const t = translator('en');

/**
 * npm run import:officials — the browser's import from the command line, through the same service:
 * prints the preview, and applies it only with --yes. A refused file exits 1 with the plain reason.
 */
runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      level: { type: 'string' }, jurisdiction: { type: 'string' }, complete: { type: 'boolean' }, yes: { type: 'boolean' },
      'ended-on': { type: 'string' }, 'same-person': { type: 'string', multiple: true }, 'different-person': { type: 'string', multiple: true },
      body: { type: 'string', multiple: true }, 'complete-body': { type: 'string', multiple: true },
    },
  });
  if (positionals.length !== 1) throw new CliError(USAGE);
  const file = positionals[0];
  if (!fs.existsSync(file)) throw new CliError(t('officials:cli.noSuchFile', { file }));
  const form = parseImportForm({ level: values.level, jurisdiction: values.jurisdiction });
  if (!form.ok) throw new CliError(Object.values(form.errors).map((k) => t(k)).join('\n'));
  const database = await openDatabase(loadConfig());
  try {
    await migrateLatest(database.knex);
    let batchId: number;
    try {
      batchId = await previewImport(database.knex, { bytes: fs.readFileSync(file), fileName: path.basename(file), userId: null, options: form.value });
    } catch (err) {
      if (err instanceof ImportRefused) throw new CliError([`${path.basename(file)}: ${t(err.reason, withBodyNames(t, err.params))}`, ...missingLines(err)].join('\n'));
      throw err;
    }
    const stored = (await getPreview(database.knex, batchId))!;
    const keys = stored.bodies.map((b) => b.key);
    const choices: PlanChoices = { ...readChoices(stored.plan, values['same-person'] ?? [], values['different-person'] ?? [], values['ended-on']), bodies: pickBodies(keys, values.body) };
    const complete = values.complete ? true : pickBodies(keys, values['complete-body'] ?? []);
    printPreview((await getPreview(database.knex, batchId, choices))!, complete);
    if (!values.yes) {
      console.log(`\n${t('officials:cli.nothingWritten', { id: batchId })}`);
      return;
    }
    const result = await confirmImport(database.knex, batchId, { complete, choices }, null);
    if (!result?.ok) throw new CliError(t(result?.reason ?? 'officials:refused.notPending'));
    const b = result.batch;
    console.log(b.added + b.updated + b.ended ? t('officials:preview.applied', { id: b.id, added: b.added, updated: b.updated, ended: b.ended }) : t('officials:preview.appliedNothing', { id: b.id }));
  } finally {
    await database.close();
  }
});

type Shown = NonNullable<Awaited<ReturnType<typeof getPreview>>>;

function printPreview(p: Shown, complete: boolean | string[]): void {
  const { batch, plan } = p;
  const name = (b: Shown['bodies'][number]) => jurisdictionName(t, b.plan.scope.level, b.plan.scope.jurisdiction, b.city);
  const several = p.bodies.length > 1;
  console.log(`${t('officials:preview.format')}: ${t(`officials:formats.${batch.format}`)} (${p.encoding}), ${several ? t('officials:bodyChoice.several', { count: p.bodies.length }) : name(p.bodies[0])}`);
  console.log(`${t('officials:preview.rows')}: ${p.total}`);
  const counts = chosenCounts(p.bodies, complete);
  console.log(t('officials:cli.summary', { ...counts, rejected: batch.rejected }));
  if (several) {
    for (const b of p.bodies) {
      const counted = t('officials:bodyChoice.counts', { rows: t('officials:bodyChoice.rows', { count: b.total }), added: b.plan.add.length, updated: b.plan.update.length, unchanged: b.plan.unchanged, ended: b.plan.replace.length + b.plan.vacated.length, count: b.plan.missing.length });
      console.log(t(b.chosen ? 'officials:cli.body' : 'officials:cli.bodySkipped', { body: name(b), key: b.plan.scope.jurisdiction, counts: counted }));
    }
  }
  if (!counts.added && !counts.updated && !counts.ended) console.log(t('officials:preview.nothing'));
  for (const u of plan.update) {
    const changes = u.changes.map((c) => t('officials:preview.change', { field: t(`officials:fields.${c.field}`), from: c.from ?? '', to: c.to ?? '' })).join('; ');
    console.log(t('officials:cli.update', { line: u.line, name: u.name, changes }));
  }
  for (const c of plan.cases) {
    const label = t(`officials:cases.${c.kind}`, { line: c.line, from: c.official.name, to: c.row.name, name: c.row.name, constituency: c.row.constituency, fromSeat: c.official.constituency });
    const effect = c.same
      ? t(c.kind === 'moved' ? 'officials:cases.follow' : 'officials:cases.moveTo', { count: c.meetings, name: c.row.name, constituency: c.row.constituency })
      : [c.kind === 'moved' ? '' : t('officials:cases.ending', { from: c.official.name, to: c.row.name }), t('officials:cases.stay', { count: c.meetings, name: c.official.name })].filter(Boolean).join(' — ');
    const choice = t('officials:cases.choice', { choice: t(c.same ? 'officials:cases.same' : 'officials:cases.different'), effect });
    console.log(t('officials:cli.case', { case: label, choice, flag: c.same ? '--different-person' : '--same-person', line: c.line }));
  }
  for (const e of plan.replace) console.log(t('officials:cli.end', { name: e.name, constituency: e.constituency, date: e.end_date }));
  for (const e of plan.vacated) console.log(t('officials:cli.vacated', { name: e.name, constituency: e.constituency, date: e.end_date }));
  for (const b of p.bodies.filter((x) => x.chosen)) {
    const whole = isComplete(complete, b.key);
    for (const e of b.plan.missing) console.log(t(whole ? 'officials:cli.missingEnded' : 'officials:cli.missingKept', { name: e.name, constituency: e.constituency, date: e.end_date }));
  }
  for (const pr of batch.problems) console.log(t('officials:cli.problem', { line: pr.line, column: pr.column ?? '', reason: t(pr.reason, withBodyNames(t, pr.params)) }));
  if (p.problemCount > batch.problems.length) console.log(t('officials:cli.moreProblems', { count: p.problemCount - batch.problems.length, total: p.problemCount }));
}

/** --same-person and --different-person name rows the preview lists as cases; --ended-on a day. */
function readChoices(plan: Plan, same: string[], different: string[], endedOn: string | undefined): PlanChoices {
  const lines = plan.cases.map((c) => c.line);
  const body: Record<string, string> = { ended_on: endedOn ?? '' };
  for (const [rows, choice] of [[same, 'same'], [different, 'different']] as const) {
    for (const row of rows) {
      if (!/^\d{1,7}$/.test(row) || !lines.includes(Number(row))) {
        throw new CliError(t('officials:cli.notACase', { line: row, lines: lines.join(', ') || t('officials:cli.noCases') }));
      }
      body[`case_${Number(row)}`] = choice;
    }
  }
  const result = parseChoices(plan.cases, plan.endedOn, body);
  if (!result.ok) throw new CliError(Object.values(result.errors).map((k) => t(k)).join('\n'));
  return result.value;
}

/**
 * --body and --complete-body name bodies of the file by jurisdiction (ca_on, ca_qc_montreal) or by
 * key (provincial:ca_on); without --body, every body is imported.
 */
function pickBodies(keys: string[], given: string[] | undefined): string[] {
  if (!given) return keys;
  return given.map((g) => {
    const found = keys.filter((k) => k === g || k.endsWith(`:${g}`));
    if (!found.length) throw new CliError(t('officials:cli.notABody', { body: g, bodies: keys.map((k) => k.split(':')[1]).join(', ') }));
    return found;
  }).flat();
}

/** For a file of no known format: what each format lacks, and where the template and formats are. */
function missingLines(err: ImportRefused): string[] {
  if (!err.missing.length) return [];
  return [
    ...err.missing.map((m) => `  ${t('officials:refused.missingFor', { format: t(`officials:formats.${m.format}`), missing: m.columns.map((c) => `“${c}”`).join(', ') })}`),
    t('officials:cli.formatsHelp'),
  ];
}
