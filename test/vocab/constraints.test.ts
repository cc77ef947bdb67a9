import { startTestApp, TestApp } from '../helpers/app';
import { createCampaign, createLocal, createMeeting, createOfficial } from '../helpers/factories';
import { VOCABULARY_CHECKS, VocabularyCheck } from '../../src/vocab/constraints';
import { up as rebuildChecks } from '../../migrations/20261204000000_rebuild_vocabulary_checks';

/*
 * The database's check constraints are the module's codes: each coded column refuses a value the
 * module does not define and takes every one it does.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // One row in every table that has a coded column (the meeting fills the dashboard's tallies).
  const local = await createLocal(t.db, { province: 'ON' });
  const official = await createOfficial(t.db, { province: 'ON' });
  const campaign = await createCampaign(t.db);
  await createMeeting(t.db, { official_id: official.id, campaign_id: campaign.id, local_id: local.id, stance: 'supportive', commitment_kinds: ['caucus'] });
  await t.db('vacancies').insert({ level: 'federal', jurisdiction: 'ca', constituency: 'Empty Riding', constituency_key: 'empty riding', since: '2026-01-01' });
  await t.db('import_batches').insert({ file_name: 'list.csv', sha256: 'x', level: 'federal', status: 'applied' });
});
afterAll(async () => { await t.close(); });

class Undo extends Error {}

/** Sets the column of every row of the table to `value` in a transaction that is then undone: null when the database took it, else its error. */
async function attempt(c: VocabularyCheck, value: string): Promise<{ code?: string; constraint?: string } | null> {
  try {
    await t.db.transaction(async (trx) => {
      await trx.raw(`UPDATE ${c.table} SET ${c.column} = ${c.array ? 'ARRAY[?]::text[]' : '?'}`, [value]);
      throw new Undo();
    });
  } catch (err) {
    if (err instanceof Undo) return null;
    return err as { code?: string; constraint?: string };
  }
  throw new Error('not reached');
}

describe.each(VOCABULARY_CHECKS.map((c) => [`${c.table}.${c.column}`, c] as const))('%s', (_name, c) => {
  test('has rows to try', async () => {
    expect(Number((await t.db(c.table).count('* as n').first())!.n)).toBeGreaterThan(0);
  });

  test('refuses a code the module does not define', async () => {
    expect(await attempt(c, 'not_a_code')).toMatchObject({ code: '23514', constraint: c.name });
  });

  test('takes every code the module defines', async () => {
    for (const code of c.codes) expect([code, await attempt(c, code)]).toEqual([code, null]);
  });

  test('its constraint lists exactly the module’s codes', async () => {
    const { rows } = await t.db.raw('SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = ?', [c.name]);
    expect(rows).toHaveLength(1);
    const listed = [...(rows[0].def as string).matchAll(/'([^']*)'/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...c.codes].sort());
  });
});

test('every column named for a coded word is checked against the module (or holds another vocabulary)', async () => {
  const OTHER_VOCABULARIES = ['import_batches.status', 'import_batches.format'];
  const { rows } = await t.db.raw(`SELECT table_name || '.' || column_name AS col FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name IN ('status', 'last_status', 'format', 'stance', 'level', 'province', 'commitment_kinds')`);
  const checked = new Set(VOCABULARY_CHECKS.map((c) => `${c.table}.${c.column}`));
  expect((rows as { col: string }[]).map((r) => r.col).filter((col) => !checked.has(col) && !OTHER_VOCABULARIES.includes(col)).sort()).toEqual([]);
});

// Last: it rebuilds the constraints of this file's database.
test('the migration keeps the stored rows valid: provinces in lower case are upper-cased, unknown values cleared or dropped', async () => {
  for (const c of VOCABULARY_CHECKS) await t.db.raw(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
  const typed = await createLocal(t.db, { name: 'Typed in lower case', province: ' qc' });
  const unknown = await createLocal(t.db, { name: 'Written out', province: 'Ontario' });
  const official = await createOfficial(t.db, { province: 'bc' });
  const meeting = await createMeeting(t.db, { official_id: official.id, commitment_kinds: ['caucus', 'bribe', 'meet_again'] });
  const [batch] = await t.db('import_batches').insert({ file_name: 'old.csv', sha256: 'y', level: 'regional', status: 'applied' }).returning('id');

  await rebuildChecks(t.db);

  expect(await t.db('locals').whereIn('id', [typed.id, unknown.id]).orderBy('id').pluck('province')).toEqual(['QC', null]);
  expect(await t.db('officials').where({ id: official.id }).first('province')).toEqual({ province: 'BC' });
  expect(await t.db('meetings').where({ id: meeting.id }).first('commitment_kinds')).toEqual({ commitment_kinds: ['caucus', 'meet_again'] });
  expect(await t.db('import_batches').where({ id: batch.id }).first('level')).toEqual({ level: null });
  const { rows } = await t.db.raw('SELECT count(*)::int AS n FROM pg_constraint WHERE conname = ANY(?)', [VOCABULARY_CHECKS.map((c) => c.name)]);
  expect(rows[0].n).toBe(VOCABULARY_CHECKS.length);
});
