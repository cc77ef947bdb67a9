import { z } from 'zod';
import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial } from '../helpers/factories';
import { readOne, readRow, row, rows, RowShapeError, timestamp, value } from '../../src/db/one-statement';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const Local = z.object({ id: z.number(), name: z.string(), created_at: timestamp });

test('a list, a row and a value read in one statement come back parsed, in order, with their timestamps as Dates', async () => {
  const b = await createLocal(t.db, { name: 'Local B' });
  const a = await createLocal(t.db, { name: 'Local A' });
  const page = await readOne(t.db, {
    locals: rows(Local, t.db('locals').whereIn('id', [a.id, b.id]).orderBy('name').select('id', 'name', 'created_at')),
    first: row(Local, t.db('locals').where('id', b.id).select('id', 'name', 'created_at')),
    none: row(Local, t.db('locals').where('id', -1).select('id', 'name', 'created_at')),
    count: value(z.number(), t.db.raw('SELECT count(*)::int FROM locals WHERE id = ANY(?::int[])', [[a.id, b.id]])),
  });
  expect(page.locals.map((l) => l.name)).toEqual(['Local A', 'Local B']);
  expect(page.locals[0].created_at).toBeInstanceOf(Date);
  const stored = await t.db('locals').where('id', a.id).first('created_at');
  expect(page.locals[0].created_at.getTime()).toBe(stored.created_at.getTime());
  expect(page.first).toEqual({ id: b.id, name: 'Local B', created_at: expect.any(Date) });
  expect(page.none).toBeNull();
  expect(page.count).toBe(2);
});

test('a row with lists beside it is parsed as one object; no row is undefined', async () => {
  const official = await createOfficial(t.db, { first_name: 'Rowena', last_name: 'Rows' });
  const base = (id: number) => ({
    schema: z.object({ id: z.number(), first_name: z.string(), updated_at: timestamp }),
    query: t.db('officials').where({ id }).select('id', 'first_name', 'updated_at'),
    name: 'the test official',
  });
  const read = await readRow(t.db, base(official.id), { locals: rows(Local, t.db('locals').where('id', -1).select('id', 'name', 'created_at')) });
  expect(read).toEqual({ id: official.id, first_name: 'Rowena', updated_at: expect.any(Date), locals: [] });
  expect(await readRow(t.db, base(-1), {})).toBeUndefined();
});

test('a row that does not match its schema is refused with an error naming the statement and the field', async () => {
  await createLocal(t.db, { name: 'Local C' });
  const wrong = z.object({ id: z.string(), name: z.string() });
  const read = readOne(t.db, { locals: rows(wrong, t.db('locals').orderBy('id').limit(1).select('id', 'name')) }, { name: 'the locals list' });
  await expect(read).rejects.toThrow(RowShapeError);
  await expect(read).rejects.toThrow(/the locals list does not match its schema[\s\S]*locals\[0\]\.id/);
});

test('the statement is prepared unless asked not to be', async () => {
  await t.db.transaction(async (trx) => {
    const named = async () => (await trx.raw(`SELECT statement FROM pg_prepared_statements WHERE name LIKE 'p\\_%'`)).rows
      .map((r: { statement: string }) => r.statement).filter((s: string) => s.includes('one_statement_probe'));
    await readOne(trx, { n: value(z.number(), trx.raw('SELECT 1 AS one_statement_probe_unprepared')) }, { prepared: false });
    expect(await named()).toEqual([]);
    await readOne(trx, { n: value(z.number(), trx.raw('SELECT 1 AS one_statement_probe')) });
    expect(await named()).toEqual([expect.stringContaining('one_statement_probe')]);
  });
});
