/**
 * npm run bench:import — the server-side time to preview and to apply an officials import of 343
 * rows (every federal riding of 2023) and of 10,000 rows (the most a file may hold), each into an
 * empty directory and then again as a re-import with a by-election in it; then the redistribution:
 * the real 2021 export, then the bundled 45th Parliament list over it (rule 4's "new seat" cases).
 * With DATABASE_URL set it runs on a throwaway database created on that server (and dropped
 * afterwards), never on the database the URL names; else on an in-memory embedded database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { Database, openEmbedded, migrateLatest } from '../../src/db';
import { confirmImport, previewImport } from '../../src/officials/import/import.service';
import { throwaway } from './throwaway';
import { BUNDLED_LIST } from '../../src/officials/import/bundled';

const HEADER = '"Honorific Title","First Name","Last Name","Constituency","Province / Territory","Political Affiliation","Start Date","End Date"';
const PROVINCE: Record<string, string> = { 10: 'Newfoundland and Labrador', 11: 'Prince Edward Island', 12: 'Nova Scotia', 13: 'New Brunswick', 24: 'Quebec', 35: 'Ontario', 46: 'Manitoba', 47: 'Saskatchewan', 48: 'Alberta', 59: 'British Columbia', 60: 'Yukon', 61: 'Northwest Territories', 62: 'Nunavut' };
const PARTIES = ['Liberal', 'Conservative', 'NDP', 'Bloc Québécois', 'Green Party'];

function commonsFile(ridings: { name: string; province: string }[], byElection = false): Buffer {
  const rows = ridings.map((r, i) => (byElection && i === 7
    ? `,New,Member${i},${r.name},${r.province},NDP,2026-03-02 12:00:00 AM,`
    : `,First${i},Last${i},${r.name},${r.province},${PARTIES[i % PARTIES.length]},2021-09-20 12:00:00 AM,`));
  return Buffer.from(`\ufeff${[HEADER, ...rows].join('\r\n')}\r\n`);
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

async function main() {
  const database = process.env.DATABASE_URL ? await throwaway(process.env.DATABASE_URL) : await openEmbedded();
  try {
    await run(database);
  } finally {
    await database.close();
  }
}

async function run(database: Database) {
  const db = database.knex;
  await migrateLatest(db);
  const reference: { id: string; name: string }[] = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'federal-ridings-343-2023.csv')), { columns: true, bom: true });
  const federal = reference.map((r) => ({ name: r.name, province: PROVINCE[/ed:(\d\d)/.exec(r.id)![1]] }));
  const large = Array.from({ length: 10_000 }, (_, i) => ({ name: `${federal[i % 343].name} ${Math.floor(i / 343) + 1}`, province: federal[i % 343].province }));
  console.log(`Officials import benchmark on ${database.description}`);
  for (const [label, ridings] of [['343 rows', federal], ['10,000 rows', large]] as const) {
    await db.raw('TRUNCATE officials, import_batches RESTART IDENTITY CASCADE');
    for (const [step, bytes] of [['empty directory', commonsFile(ridings)], ['re-import with a by-election', commonsFile(ridings, true)]] as const) {
      const [batchId, previewMs] = await timed(() => previewImport(db, { bytes, fileName: 'bench.csv', userId: null, options: {} }));
      const [result, applyMs] = await timed(() => confirmImport(db, batchId, false, null));
      if (!result?.ok) throw new Error('the import was not applied');
      const b = result.batch;
      console.log(`${label.padEnd(12)} ${step.padEnd(30)} preview ${previewMs.toFixed(0).padStart(6)} ms   apply ${applyMs.toFixed(0).padStart(6)} ms   (added ${b.added}, updated ${b.updated}, unchanged ${b.unchanged}, ended ${b.ended})`);
    }
  }
  await db.raw('TRUNCATE officials, import_batches RESTART IDENTITY CASCADE');
  const real = [['2021 export', path.join(__dirname, '..', '..', 'data', 'house-of-commons-mps-2021-10.csv')], ['then 45th Parliament', BUNDLED_LIST]] as const;
  for (const [step, file] of real) {
    const bytes = fs.readFileSync(file);
    const [batchId, previewMs] = await timed(() => previewImport(db, { bytes, fileName: path.basename(file), userId: null, options: {} }));
    const [result, applyMs] = await timed(() => confirmImport(db, batchId, true, null));
    if (!result?.ok) throw new Error('the import was not applied');
    const b = result.batch;
    console.log(`${'real lists'.padEnd(12)} ${step.padEnd(30)} preview ${previewMs.toFixed(0).padStart(6)} ms   apply ${applyMs.toFixed(0).padStart(6)} ms   (added ${b.added}, updated ${b.updated}, unchanged ${b.unchanged}, ended ${b.ended})`);
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
