import fs from 'node:fs';
import path from 'node:path';
import type { TestApp } from '../helpers/app';
import { commonsBytes, confirm, organizationFile, preview, SEVERAL_BODIES, startWithCoordinator, upload } from '../helpers/officials.factories';
import type { Agent } from '../helpers/session';
import { parseAs } from '../../src/db/rows';
import { StoredPlan } from '../../src/officials/import/stored-plan';
import { stringifyInTurns } from '../../src/officials/import/turns';

/**
 * A batch keeps its plan (import_batches.plan) from its preview to its confirmation, and across
 * versions of the tracker: the schema that reads it back must keep all of it, and still read the
 * plans of earlier versions.
 */
let t: TestApp;
let agent: Agent;
const LIST_2025 = path.join(__dirname, '..', '..', 'data', 'house-of-commons-mps-2025-45th-parliament.csv');
const storedPlan = async (id: number) => (await t.db('import_batches').where({ id }).first('plan')).plan;

beforeAll(async () => { ({ t, agent } = await startWithCoordinator()); });
afterAll(async () => { await t.close(); });

test('a batch previewed by an earlier version (one body at the top, no identity cases, vacated seats, "ended on" day, addresses or ids) is shown and applied as previewed', async () => {
  const id = await preview(agent, commonsBytes());
  const { bodies: [body], encoding, total } = await storedPlan(id);
  const old = (o: Record<string, unknown>) => { const { address: _a, external_id: _e, ...rest } = o; return rest; };
  const { cases: _c, vacated: _v, endedOn: _d, ...plan } = body.plan;
  const legacy = {
    plan: { ...plan, add: plan.add.map(old) }, input: { ...body.input, rows: body.input.rows.map(old) },
    fingerprint: body.fingerprint, vacant: [], encoding, total,
  };
  await t.db('import_batches').where({ id }).update({ plan: JSON.stringify(legacy) });

  const page = await agent.get(`/officials/imports/${id}`).expect(200);
  expect(page.text).toMatch(/data-count="added">338</);
  expect((await confirm(agent, id)).status).toBe(303);
  expect(await t.db('officials').whereNull('end_date').count('* as n').first()).toEqual({ n: '338' });
  expect(await t.db('officials').whereNotNull('address').count('* as n').first()).toEqual({ n: '0' });
});

test('a stored plan reads back as it was stored: identity cases, updates, endings, several bodies and their cities', async () => {
  const res = await upload(agent, fs.readFileSync(LIST_2025), {}, path.basename(LIST_2025));
  const redistribution = Number(res.headers.location.split('/').pop());
  const bodies = await preview(agent, organizationFile(SEVERAL_BODIES));
  for (const id of [redistribution, bodies]) {
    const stored = await storedPlan(id);
    expect(parseAs(StoredPlan, stored, 'a stored plan')).toEqual(stored);
  }
  // What the redistribution's plan holds, so that the comparison above covered it.
  const { plan } = (await storedPlan(redistribution)).bodies[0];
  expect([plan.cases.length, plan.update.length, plan.replace.length, plan.add.length].every((n) => n > 0)).toBe(true);
  expect((await storedPlan(bodies)).bodies.some((b: { city?: string }) => b.city)).toBe(true);
});

test('a plan is written as JSON.stringify would write it, a piece at a time', async () => {
  const rows = Array.from({ length: 600 }, (_, i) => ({ line: i + 2, first_name: `Given “${i}”`, last_name: 'Nadeau-Dubois', end_date: null, note: i % 7 ? undefined : 'a\nb' }));
  const plan = { bodies: [{ key: 'provincial:ca_qc', plan: { add: rows, update: [{ line: 3, changes: [{ field: 'party', from: null, to: 'Québec solidaire' }] }], cases: [], endedOn: '2026-12-04' }, chosen: true }], total: 600, gone: undefined, when: new Date('2026-12-04T12:00:00Z'), empty: {}, list: [1, null, 'x'] };
  expect(await stringifyInTurns(plan)).toBe(JSON.stringify(plan));
  expect(await stringifyInTurns(null)).toBe('null');
  expect(await stringifyInTurns([])).toBe('[]');
});
