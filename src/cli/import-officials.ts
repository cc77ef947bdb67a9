import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase, migrateLatest } from '../db';
import { translator } from '../i18n/i18n';
import { confirmImport, getPreview, ImportRefused, previewImport } from '../officials/import/import.service';
import { parseImportForm } from '../officials/imports.validate';
import { CliError, runCli } from './run-cli';

const USAGE = 'Usage: npm run import:officials -- FILE [--level federal|senate|provincial|territorial|municipal] [--jurisdiction ca|ca_on|…] [--complete] [--yes]';
const t = translator('en');

/**
 * npm run import:officials — the browser's import from the command line, through the same service:
 * prints the preview, and applies it only with --yes. A refused file exits 1 with the plain reason.
 */
runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { level: { type: 'string' }, jurisdiction: { type: 'string' }, complete: { type: 'boolean' }, yes: { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new CliError(USAGE);
  const file = positionals[0];
  if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
  const form = parseImportForm({ level: values.level, jurisdiction: values.jurisdiction });
  if (!form.ok) throw new CliError(Object.values(form.errors).map((k) => t(k)).join('\n'));
  const database = await openDatabase(loadConfig());
  try {
    await migrateLatest(database.knex);
    let batchId: number;
    try {
      batchId = await previewImport(database.knex, { bytes: fs.readFileSync(file), fileName: path.basename(file), userId: null, options: form.value });
    } catch (err) {
      if (err instanceof ImportRefused) throw new CliError(`${path.basename(file)}: ${t(err.reason, err.params)}`);
      throw err;
    }
    const preview = (await getPreview(database.knex, batchId))!;
    printPreview(preview, !!values.complete);
    if (!values.yes) {
      console.log(`\nNothing written. Run again with --yes to apply (import ${batchId}).`);
      return;
    }
    const result = await confirmImport(database.knex, batchId, !!values.complete, null);
    if (!result?.ok) throw new CliError(t(result?.reason ?? 'officials:refused.notPending'));
    const b = result.batch;
    console.log(b.added + b.updated + b.ended ? t('officials:preview.applied', { id: b.id, added: b.added, updated: b.updated, ended: b.ended }) : t('officials:preview.appliedNothing', { id: b.id }));
  } finally {
    await database.close();
  }
});

function printPreview(p: NonNullable<Awaited<ReturnType<typeof getPreview>>>, complete: boolean): void {
  const { batch, plan } = p;
  console.log(`${t('officials:preview.format')}: ${t(`officials:formats.${batch.format}`)} (${p.encoding}), ${plan.scope.level}/${plan.scope.jurisdiction}`);
  console.log(`${t('officials:preview.rows')}: ${p.total}`);
  const ended = plan.replace.length + (complete ? plan.missing.length : 0);
  console.log(`Added ${plan.add.length}, updated ${plan.update.length}, unchanged ${plan.unchanged}, ended ${ended}, rejected ${batch.rejected}`);
  if (!plan.add.length && !plan.update.length && !ended) console.log(t('officials:preview.nothing'));
  for (const u of plan.update) console.log(`  update line ${u.line}: ${u.name}: ${u.changes.map((c) => `${c.field} ${c.from ?? ''} → ${c.to ?? ''}`).join('; ')}`);
  for (const e of plan.replace) console.log(`  end: ${e.name} (${e.constituency}) on ${e.end_date}, seat taken by another member`);
  for (const e of plan.missing) console.log(`  not in the file: ${e.name} (${e.constituency})${complete ? `, ended on ${e.end_date}` : ' (kept: pass --complete to end)'}`);
  for (const pr of batch.problems) console.log(`  line ${pr.line}${pr.column ? `, ${pr.column}` : ''}: ${t(pr.reason, pr.params ?? {})}`);
}
