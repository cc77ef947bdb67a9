import fc from 'fast-check';
import type { TestApp } from '../helpers/app';
import { COMMONS_HEADER, commonsFile, startWithCoordinator, upload } from '../helpers/officials.factories';
import type { Agent } from '../helpers/session';

/**
 * Small files that used to cost a lot: 10,000 rows naming a few seats made every row's problem
 * carry every line of its seat (145 MB of JSON in one batch row, then a 500), and 870,000 tiny
 * rows were all parsed before being refused.
 */
let t: TestApp;
let agent: Agent;
beforeAll(async () => { ({ t, agent } = await startWithCoordinator()); });
afterAll(async () => { await t.close(); });

const TEMPLATE = 'first_name,last_name,constituency';
/** Spellings the import folds to one seat. */
const SEATS = [['Nepean', 'NEPEAN', 'nepean '], ['Ottawa Centre', 'Ottawa—Centre', 'ottawa-centre'], ['Kanata—Carleton', 'Kanata-Carleton', 'KANATA CARLETON']];
const ROWS = 10_000;

const files = fc.record({
  seats: fc.integer({ min: 1, max: 3 }),
  spelling: fc.nat(),
  commons: fc.boolean(),
});

test('10,000 rows for a few seats: a preview (not a 500), a small batch row, and the page says how many problems there are', async () => {
  await fc.assert(fc.asyncProperty(files, async ({ seats, spelling, commons }) => {
    const seat = (i: number) => SEATS[i % seats][(i + spelling) % 3];
    const rows = Array.from({ length: ROWS }, (_, i) => (commons
      ? `,Ann,B${i},${seat(i)},Ontario,Liberal,2021-09-20 12:00:00 AM,`
      : `Ann,B${i},${seat(i)}`));
    const res = await upload(agent, commons ? commonsFile(rows) : commonsFile(rows, TEMPLATE), commons ? {} : { level: 'provincial', jurisdiction: 'ca_on' });
    expect(res.status).toBe(303);
    const id = Number(res.headers.location.split('/').pop());

    const { rows: [stored] } = await t.db.raw('select length(problems::text) as problems, rejected, added from import_batches where id = ?', [id]);
    expect(stored).toMatchObject({ rejected: ROWS, added: 0 });
    expect(stored.problems).toBeLessThan(150_000);

    const page = await agent.get(`/officials/imports/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('…and 9,800 more problems (10,000 in all).');
    const first = Math.ceil(ROWS / seats);
    expect(page.text).toMatch(new RegExp(`has ${first.toLocaleString('en-CA')} sitting members in this file \\(rows 2, ${2 + seats}, ${2 + 2 * seats} and ${(first - 3).toLocaleString('en-CA')} more\\)`));
  }), { numRuns: 5 });
}, 180_000); // five previews of 10,000 rows: a few seconds each on a busy machine

test('5 MB of tiny rows is refused as too many rows without reading past the limit', async () => {
  // The last row holds a quote that never closes: had the parser gone that far, it would say so.
  const tiny = Buffer.from(`${TEMPLATE}\n${'a,b,c\n'.repeat(870_000)}"never closed\n`);
  expect(tiny.length).toBeLessThan(5 * 1024 * 1024);
  const before = await t.db('import_batches').count('* as n').first();
  const res = await upload(agent, tiny, { level: 'provincial', jurisdiction: 'ca_on' });
  expect(res.status).toBe(422);
  expect(res.text).toContain('This file has more than 10,000 rows');
  expect(res.text).not.toContain('malformed');
  expect(await t.db('import_batches').count('* as n').first()).toEqual(before);
});

test('the rows of a file over the limit are counted after blank ones are left out, as before', async () => {
  const blanks = Array.from({ length: 20_000 }, () => ',,,,,,,');
  const rows = Array.from({ length: 3 }, (_, i) => `,Ann,B${i},Riding ${i},Ontario,Liberal,2021-09-20,`);
  const res = await upload(agent, commonsFile([...rows, ...blanks], COMMONS_HEADER));
  expect(res.status).toBe(303);
});
