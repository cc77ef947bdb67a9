import fc from 'fast-check';
import iconv from 'iconv-lite';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser } from '../helpers/factories';
import { COMMONS_HEADER, FRENCH_HEADER, upload } from '../helpers/officials.factories';
import { signIn } from '../helpers/session';
import { translator } from '../../src/i18n/i18n';
import { confirmImport, ImportRefused, previewImport } from '../../src/officials/import/import.service';

/**
 * The CSV import, property-based: random bytes, random quoting and random encodings never make it
 * throw anything but a refusal with a plain reason (in both languages); a preview writes only its
 * batch; applying it writes all of it or, when refused, none.
 */
let t: TestApp;
let userId: number;
beforeAll(async () => {
  t = await startTestApp();
  userId = (await createUser(t.db, 'coordinator')).id;
});
afterAll(async () => { await t.close(); });

const HEADERS = [COMMONS_HEADER, FRENCH_HEADER, 'first_name,last_name,constituency,province,party', 'District name,Primary role,Name,First name,Last name', 'a,b,c', ''];
const PIECES = ['"', '""', ',', ';', '\t', '\r', '\n', '\r\n', ' ', 'é', '—', '\ufeff', '\0', 'Ontario', 'Québec', 'Liberal', '2021-09-20', 'Hon.', 'Edmonton Manning', 'MP', '=1+1'];
const cellText = fc.string({ unit: fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 12 });
/** A cell written unquoted, quoted as RFC 4180 says, or with a quote that never closes. */
const cell = fc.tuple(cellText, fc.constantFrom('raw', 'quoted', 'unclosed')).map(([s, how]) =>
  how === 'raw' ? s : how === 'quoted' ? `"${s.replace(/"/g, '""')}"` : `"${s}`);
const csvText = fc.record({
  header: fc.constantFrom(...HEADERS),
  rows: fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 8 }),
  eol: fc.constantFrom('\r\n', '\n', '\r'),
}).map(({ header, rows, eol }) => [header, ...rows.map((r) => r.join(','))].join(eol));
const ENCODINGS = ['utf8', 'utf-8-bom', 'utf16le-bom', 'utf16be-bom', 'windows-1252', 'latin1', 'macintosh', 'shift_jis'] as const;
function encode(text: string, encoding: (typeof ENCODINGS)[number]): Buffer {
  if (encoding === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  if (encoding === 'utf16le-bom') return iconv.encode(text, 'utf16le', { addBOM: true });
  if (encoding === 'utf16be-bom') return iconv.encode(text, 'utf16be', { addBOM: true });
  return iconv.encode(text, encoding);
}
const files = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)),
  fc.tuple(csvText, fc.constantFrom(...ENCODINGS)).map(([text, enc]) => encode(text, enc)),
);
const options = fc.record({ level: fc.constantFrom(undefined, 'federal', 'provincial', 'municipal'), jurisdiction: fc.constantFrom(undefined, 'ca', 'ca_on', 'ca_qc_montreal') }, { requiredKeys: [] });

/** All of the officials table, as one value to compare before and after. */
async function officialsState(): Promise<string> {
  const { rows } = await t.db.raw(`select count(*)::int as n, coalesce(md5(string_agg(o::text, '|' order by id)), '') as h from officials o`);
  return `${rows[0].n}:${rows[0].h}`;
}
const batchCount = async () => (await t.db('import_batches').first(t.db.raw('count(*)::int as n'))).n as number;

function expectPlainReason(err: unknown) {
  expect(err).toBeInstanceOf(ImportRefused);
  const { reason, params } = err as ImportRefused;
  for (const lang of ['en', 'fr'] as const) expect(translator(lang)(reason, params)).not.toBe(reason);
}

test('any file: a preview that writes only its batch, or a refusal with a plain reason; never anything else', async () => {
  await fc.assert(fc.asyncProperty(files, options, async (bytes, opts) => {
    const [officials, batches] = [await officialsState(), await batchCount()];
    try {
      await previewImport(t.db, { bytes, fileName: 'random.csv', userId, options: opts });
      expect(await batchCount()).toBe(batches + 1);
    } catch (err) {
      expectPlainReason(err);
      expect(await batchCount()).toBe(batches);
    }
    expect(await officialsState()).toBe(officials);
  }), { numRuns: 300 });
});

/** A House of Commons file of a few MPs with any names, some sharing a riding, some malformed. */
const commonsRows = fc.array(fc.record({
  first: cellText, last: cellText,
  riding: fc.constantFrom('Edmonton Manning', 'Parry Sound—Muskoka', 'Central Okanagan—Similkameen—Nicola', 'Nowhere at all', ''),
  province: fc.constantFrom('Alberta', 'Ontario', 'British Columbia', 'Atlantis'),
}), { maxLength: 6 }).map((rows) => Buffer.from([COMMONS_HEADER, ...rows.map((r) =>
  ['', r.first, r.last, r.riding, r.province, 'Liberal', '2021-09-20 12:00:00 AM', ''].map((c) => `"${c.replace(/"/g, '""')}"`).join(','))].join('\r\n')));

test('applying any preview writes all of it or nothing', async () => {
  const outcomes: Record<string, number> = {};
  await fc.assert(fc.asyncProperty(fc.oneof(commonsRows, csvText.map((s) => Buffer.from(s))), fc.boolean(), async (bytes, complete) => {
    let id: number;
    try {
      id = await previewImport(t.db, { bytes, fileName: 'random.csv', userId, options: {} });
    } catch (err) {
      outcomes.refused = (outcomes.refused ?? 0) + 1;
      return expectPlainReason(err);
    }
    const before = await officialsState();
    const result = await confirmImport(t.db, id, complete, userId);
    const after = await officialsState();
    const key = result?.ok ? 'applied' : 'not applied';
    outcomes[key] = (outcomes[key] ?? 0) + 1;
    if (result?.ok) {
      expect(Number(after.split(':')[0])).toBe(Number(before.split(':')[0]) + result.batch.added);
      const inserted = await t.db('officials').where({ source: `import:${id}` }).first(t.db.raw('count(*)::int as n'));
      expect(inserted.n).toBe(result.batch.added + result.batch.updated);
    } else {
      expect(after).toBe(before);
    }
  }), { numRuns: 150 });
  expect(outcomes.applied).toBeGreaterThan(10); // the property was exercised on real applies
});

test('through the page: random bytes get a preview (303) or the form again with the reason (422), never an error page', async () => {
  const agent = await signIn(t.app, (await createUser(t.db, 'coordinator')).email);
  await fc.assert(fc.asyncProperty(files, fc.string({ maxLength: 30 }), async (bytes, name) => {
    const res = await upload(agent, bytes, {}, `${name.replace(/[/\\\0"]/g, '') || 'x'}.csv`);
    expect([303, 422]).toContain(res.status);
  }), { numRuns: 40 });
});
