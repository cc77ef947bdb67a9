/**
 * npm run bench:import-blocking — how long an officials import preview blocks the event loop, and
 * how much heap it takes, for files at the upload limit: a legitimate one (10,000 Represent rows
 * with long office addresses, about 5 MB), a hostile one (870,000 tiny rows, 5 MB), and 10,000
 * rows that all name one seat (small, then padded to about 5 MB).
 * The longest block is the largest delay `perf_hooks.monitorEventLoopDelay` saw while the preview
 * ran (written and read back), and the CPU time the process used in that longest stretch (a busy
 * machine makes the first larger than the code does); the heap figure is the highest heap seen
 * minus the heap before.
 * With DATABASE_URL set it runs on a throwaway database created on that server; else on an
 * in-memory embedded database, whose engine runs on this thread (its queries count as blocking).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Database, openEmbedded, migrateLatest } from '../../src/db';
import { getPreview, ImportRefused, previewImport } from '../../src/officials/import/import.service';
import type { ImportOptions } from '../../src/officials/import/parse';
import { throwaway } from './throwaway';

const REPRESENT = 'District name,Primary role,Name,First name,Last name,Gender,Party name,Email,Photo URL,Source URL,Website,Office type,Address,Phone,Fax,Office type,Address,Phone,Fax';

/** A Represent row of a councillor with two offices, each with a long address on several lines. */
function councillor(i: number): string {
  const address = `"${100 + i} Rue de l’Hôtel-de-Ville Ouest, bureau ${i % 900}\nEntrée par la cour, porte ${i % 40}\nToronto ON  M5H 2N2"`;
  return [`Ward ${i}`, 'Councillor', `Ana Lopez ${i}`, 'Ana', `Lopez ${i}`, 'F', 'Independent',
    `councillor.ward${i}@toronto.example.ca`, `https://toronto.example.ca/photos/${i}.jpg`,
    'https://toronto.example.ca/council/', `https://toronto.example.ca/ward-${i}/`,
    'constituency', address, '416-555-0100', '416-555-0101', 'legislature', address, '416-392-0100', '416-392-0101'].join(',');
}

const lines = (header: string, rows: Iterable<string>, eol = '\r\n') => Buffer.from(`${[header, ...rows].join(eol)}${eol}`);
function* times(n: number, row: (i: number) => string) {
  for (let i = 0; i < n; i++) yield row(i);
}

const CASES: { label: string; bytes: () => Buffer; options: ImportOptions }[] = [
  { label: 'legitimate: 10,000 Represent rows', bytes: () => lines(REPRESENT, times(10_000, councillor)), options: { jurisdiction: 'ca_on_toronto' } },
  { label: 'hostile: 870,000 tiny rows', bytes: () => lines('first_name,last_name,constituency', times(870_000, () => 'a,b,c'), '\n'), options: { level: 'provincial', jurisdiction: 'ca_on' } },
  { label: 'hostile: 10,000 rows, one seat', bytes: () => lines('first_name,last_name,constituency', times(10_000, (i) => `Ann,B${i},Nepean`)), options: { level: 'provincial', jurisdiction: 'ca_on' } },
  {
    label: 'hostile: 10,000 rows, one seat, padded',
    bytes: () => lines('first_name,last_name,constituency,party', times(10_000, (i) => `Ann,B${i},Nepean,${'x'.repeat(480)}`)),
    options: { level: 'provincial', jurisdiction: 'ca_on' },
  },
];

/**
 * The longest stretch between two ticks of a 1 ms timer, in CPU time used by the process: on a
 * busy machine a tick may come late because the process was not given the CPU, which the
 * event-loop delay counts as blocking but this does not.
 */
function cpuGaps() {
  let longest = 0;
  let last = process.cpuUsage();
  const timer = setInterval(() => {
    const used = process.cpuUsage(last);
    longest = Math.max(longest, (used.user + used.system) / 1000);
    last = process.cpuUsage();
  }, 1);
  return { stop: () => { clearInterval(timer); return longest; } };
}

async function measure(db: Database['knex'], bytes: Buffer, options: ImportOptions) {
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => { heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed); }, 5);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const gaps = cpuGaps();
  // The monitor records a delay from its second tick on: let it tick before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const start = process.hrtime.bigint();
  let outcome: string;
  try {
    const id = await previewImport(db, { bytes, fileName: 'bench.csv', userId: null, options });
    const preview = (await getPreview(db, id))!;
    outcome = `preview: ${preview.batch.added} to add, ${preview.batch.rejected} rows left out, ${preview.problemCount} problems (${preview.batch.problems.length} kept)`;
  } catch (err) {
    if (!(err instanceof ImportRefused)) throw err;
    outcome = `refused: ${err.reason}`;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // Let the monitors see the last stretch before they stop.
  await new Promise((resolve) => setTimeout(resolve, 20));
  delay.disable();
  const cpuBlockMs = gaps.stop();
  clearInterval(sampler);
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  const [size] = await db('import_batches').orderBy('id', 'desc').limit(1)
    .select(db.raw('length(problems::text) as problems, length(plan::text) as plan'));
  return { ms, blockMs: delay.max / 1e6, cpuBlockMs, heapMb: (heapPeak - heapBefore) / 2 ** 20, outcome, size };
}

async function main() {
  const database = process.env.DATABASE_URL ? await throwaway(process.env.DATABASE_URL) : await openEmbedded();
  try {
    await migrateLatest(database.knex);
    console.log(`Officials import, event-loop blocking, on ${database.description}`);
    // `npm run bench:import-blocking -- hostile` runs the cases whose label has that word.
    for (const c of CASES.filter((k) => k.label.includes(process.argv[2] ?? ''))) {
      await database.knex.raw('TRUNCATE officials, import_batches RESTART IDENTITY CASCADE');
      const bytes = c.bytes();
      const r = await measure(database.knex, bytes, c.options);
      const stored = r.size ? `stored: problems ${(r.size.problems / 1024).toFixed(1)} KB, plan ${(r.size.plan / 1024).toFixed(0)} KB of JSON` : 'nothing stored';
      console.log(`${c.label} (${(bytes.length / 2 ** 20).toFixed(2)} MiB): ${r.outcome}`);
      console.log(`  total ${r.ms.toFixed(0)} ms, longest block ${r.blockMs.toFixed(0)} ms (${r.cpuBlockMs.toFixed(0)} ms of CPU), heap +${r.heapMb.toFixed(0)} MB, ${stored}`);
    }
  } finally {
    await database.close();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
