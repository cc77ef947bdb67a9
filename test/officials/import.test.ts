import type { TestApp } from '../helpers/app';
import { createUser } from '../helpers/factories';
import { commonsBytes, commonsFile, confirm, importFile, preview, upload, startWithCoordinator } from '../helpers/officials.factories';
import { Agent, signIn } from '../helpers/session';

let t: TestApp;
let agent: Agent;
const sitting = () => t.db('officials').whereNull('end_date').count('* as n').first().then((r) => Number(r!.n));

beforeAll(async () => { ({ t, agent } = await startWithCoordinator()); });
afterAll(async () => { await t.close(); });

test('the real House of Commons export: preview writes nothing, confirming adds the 338 MPs', async () => {
  const id = await preview(agent, commonsBytes());
  const page = await agent.get(`/officials/imports/${id}`).expect(200);
  expect(page.text).toContain('House of Commons export (English)');
  expect(page.text).toMatch(/data-count="added">338</);
  expect(await sitting()).toBe(0);

  const res = await confirm(agent, id);
  expect(res.status).toBe(303);
  const after = await agent.get(`/officials/imports/${id}`);
  expect(after.text).toContain('338 added, 0 updated, 0 ended');
  expect(await sitting()).toBe(338);
  const mp = await t.db('officials').where({ last_name: 'Aitchison' }).first();
  expect(mp).toMatchObject({ constituency: 'Parry Sound—Muskoka', constituency_key: 'parry sound muskoka', province: 'ON', party: 'Conservative', start_date: '2021-09-20', level: 'federal', jurisdiction: 'ca' });
  const batch = await t.db('import_batches').where({ id }).first();
  expect(batch).toMatchObject({ status: 'applied', added: 338, file_name: 'officials.csv', format: 'commons_en' });
  expect(batch.sha256).toMatch(/^[0-9a-f]{64}$/);
  const list = await agent.get('/officials/imports').expect(200);
  expect(list.text).toContain('officials.csv');
});

test('importing the same file again changes nothing and says so', async () => {
  const before = await t.db('officials').orderBy('id').select('*');
  const id = await preview(agent, commonsBytes());
  const page = await agent.get(`/officials/imports/${id}`);
  expect(page.text).toContain('This file changes nothing');
  expect(page.text).toContain('This exact file was already imported');
  expect(page.text).toMatch(/data-count="unchanged">338</);
  await confirm(agent, id);
  expect((await agent.get(`/officials/imports/${id}`)).text).toContain('nothing changed');
  expect(await t.db('officials').orderBy('id').select('*')).toEqual(before);
  await confirm(agent, id);
  expect((await agent.get(`/officials/imports/${id}`)).text).toContain('This import has already been applied.');
});

test('a by-election: the new member is added, the old one ended, and meetings keep pointing at the old one', async () => {
  const old = await t.db('officials').where({ constituency: 'Parry Sound—Muskoka' }).whereNull('end_date').first();
  const [campaign] = await t.db('campaigns').insert({ name: 'Funding', starts_on: '2026-01-01' }).returning('id');
  const [meeting] = await t.db('meetings').insert({ official_id: old.id, campaign_id: campaign.id, status: 'held', held_on: '2026-02-01' }).returning('id');
  const rows = commonsBytes().toString('utf8').split('\r\n').slice(1).filter((l) => l && !l.includes('Parry Sound'));
  rows.push(',Jane,Newmember,Parry Sound–Muskoka,Ontario,Liberal,2026-03-02 12:00:00 AM,,"x",""');
  const id = await preview(agent, commonsFile(rows));
  const page = await agent.get(`/officials/imports/${id}`);
  expect(page.text).toMatch(/data-count="added">1</);
  expect(page.text).toMatch(/data-count="ended">1</);
  expect(page.text).toContain('Scott Aitchison — Parry Sound—Muskoka');
  await confirm(agent, id);
  expect(await t.db('officials').where({ id: old.id }).first()).toMatchObject({ end_date: '2026-03-02' });
  expect(await t.db('officials').where({ last_name: 'Newmember' }).first()).toMatchObject({ end_date: null, constituency_key: 'parry sound muskoka' });
  expect(await t.db('meetings').where({ id: meeting.id }).first()).toMatchObject({ official_id: old.id });
  expect(await sitting()).toBe(338);
});

test('a sitting official missing from the file is listed, and ended only when the file is the complete list', async () => {
  const rows = commonsBytes().toString('utf8').split('\r\n').slice(1).filter((l) => l && !l.includes('Aboultaif') && !l.includes('Parry Sound'));
  rows.push(',Jane,Newmember,Parry Sound—Muskoka,Ontario,Liberal,2026-03-02 12:00:00 AM,,"x",""');
  const first = await preview(agent, commonsFile(rows));
  const page = await agent.get(`/officials/imports/${first}`);
  expect(page.text).toContain('Sitting officials not in this file');
  expect(page.text).toContain('Ziad Aboultaif — Edmonton Manning');
  await confirm(agent, first);
  expect(await t.db('officials').where({ last_name: 'Aboultaif' }).first()).toMatchObject({ end_date: null });

  const second = await preview(agent, commonsFile(rows));
  await confirm(agent, second, true);
  const ended = await t.db('officials').where({ last_name: 'Aboultaif' }).first();
  expect(ended.end_date).not.toBeNull();
  expect(await t.db('import_batches').where({ id: second }).first()).toMatchObject({ ended: 1, complete: true });
});

test('confirming a preview made before another import was applied is refused, with nothing written', async () => {
  const rows = [',Zed,Later,Edmonton Manning,Alberta,Conservative,2026-05-01 12:00:00 AM,'];
  const stale = await preview(agent, commonsFile(rows));
  await importFile(agent, commonsFile([',Amy,Earlier,Edmonton Manning,Alberta,NDP,2026-04-01 12:00:00 AM,']));
  const res = await confirm(agent, stale);
  expect(res.status).toBe(303);
  const page = await agent.get(`/officials/imports/${stale}`);
  expect(page.text).toContain('The officials changed since this preview');
  expect(await t.db('officials').where({ last_name: 'Later' }).first()).toBeUndefined();
  expect(await t.db('import_batches').where({ id: stale }).first()).toMatchObject({ status: 'superseded' });
});

test('two imports confirmed at the same time do not interleave: one applies, the other is refused as out of date', async () => {
  const a = await preview(agent, commonsFile([',Ann,Concurrent,Edmonton Manning,Alberta,NDP,2026-06-01 12:00:00 AM,']));
  const b = await preview(agent, commonsFile([',Bob,Concurrent,Edmonton Manning,Alberta,Liberal,2026-06-02 12:00:00 AM,']));
  await Promise.all([confirm(agent, a), confirm(agent, b)]);
  const statuses = (await t.db('import_batches').whereIn('id', [a, b]).pluck('status')).sort();
  expect(statuses).toEqual(['applied', 'superseded']);
  expect(await t.db('officials').where({ last_name: 'Concurrent' }).whereNull('end_date').count('* as n').first()).toEqual({ n: '1' });
});

test('two rows for one constituency are reported with both line numbers and neither is imported', async () => {
  const id = await preview(agent, commonsFile([
    ',Ann,One,Brand New Riding,Ontario,NDP,2026-06-01 12:00:00 AM,',
    ',Other,Person,Somewhere Else,Ontario,NDP,2026-06-01 12:00:00 AM,',
    ',Bob,Two,Brand New Riding,Ontario,Liberal,2026-06-01 12:00:00 AM,',
  ]));
  const page = await agent.get(`/officials/imports/${id}`);
  expect(page.text).toContain('more than one sitting member in this file (rows 2, 4)');
  expect(page.text).toMatch(/data-count="rejected">2</);
  await confirm(agent, id);
  expect(await t.db('officials').where({ constituency: 'Brand New Riding' }).first()).toBeUndefined();
  expect(await t.db('officials').where({ constituency: 'Somewhere Else' }).first()).toBeDefined();
});

test('the file name is kept as the browser sent it, accents included', async () => {
  const res = await upload(agent, commonsBytes(), {}, 'députés-2021.csv');
  const id = Number(res.headers.location.split('/').pop());
  expect(await t.db('import_batches').where({ id }).first()).toMatchObject({ file_name: 'députés-2021.csv' });
  expect((await agent.get(`/officials/imports/${id}`)).text).toContain('députés-2021.csv');
});

test('a member cannot reach the import pages', async () => {
  const member = await createUser(t.db, 'member');
  const memberAgent = await signIn(t.app, member.email);
  await memberAgent.get('/officials/imports').expect(403);
  const res = await upload(agent, commonsBytes());
  expect(res.status).toBe(303);
  await memberAgent.get(res.headers.location).expect(403);
});
