import type { TestApp } from '../helpers/app';
import { confirm, ontarioFile, ontarioVacantRow, preview, startWithCoordinator, upload } from '../helpers/officials.factories';
import type { Agent } from '../helpers/session';

let t: TestApp;
let agent: Agent;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => { ({ t, agent } = await startWithCoordinator()); });
afterAll(async () => { await t.close(); });

/** Rows as published, written out: multi-line addresses, non-breaking and zero-width spaces, `ON` or `Ontario`. */
const FILE = ontarioFile([
  'MPP,Joel,Harden,M,Legislative office,"Room 359, Main Legislative Building\nQueen\'s Park",Toronto,ON,M7A 1A5,,joel.harden@ola.org,416-325-0000,,,,Ottawa Centre,New Democratic Party of Ontario,,7264',
  'MPP,Joel,Harden,M,Constituency office,"109 Catherine Street\nUnit 2",Ottawa,Ontario,K2P 0P4,jharden-co@ola.org,joel.harden@ola.org,613-722-6414,,,,Ottawa Centre,New Democratic Party of Ontario,,7264',
  'Hon.,Doug\u00a0,Ford\u200b,M,Legislative office,"Room 281\nQueen\'s Park",Toronto,ON,M7A 1A1,,doug.fordco@pc.ola.org,416-325-1941,,,,Etobicoke North,Progressive Conservative Party of Ontario,Premier,7140',
  'Hon.,Doug\u00a0,Ford\u200b,M,Constituency office,"823 Albion Road",Etobicoke,ON,M9V 1A3,,doug.fordco@pc.ola.org,416-745-2859,,,,Etobicoke North,Progressive Conservative Party of Ontario,Premier,7140',
  'Hon.,Doug,Ford,M,Constituency office,"Second office\n2 Main St",Etobicoke,ON,M9V 1A4,,doug.fordco@pc.ola.org,416-000-0000,,,,Etobicoke North,Progressive Conservative Party of Ontario,Premier,7140',
  ontarioVacantRow('Scarborough—Guildwood'),
  'MPP,Bad,Date,F,Constituency office,"1 Street\nTown",Town,Atlantis,,,,,,,,,Liberal,,9999',
]);

test('one official per Member ID with the constituency office’s phone and address and the e-mail; a vacant seat is no official', async () => {
  const id = await preview(agent, FILE);
  const page = text((await agent.get(`/officials/imports/${id}`)).text);
  expect(page).toContain('Legislative Assembly of Ontario member contact list');
  expect(page).toContain('Legislative Assembly of Ontario');
  expect(page).toMatch(/Added:? 2/);
  expect(page).toMatch(/Vacant seats .* Row 7: Scarborough—Guildwood/);
  // Rows as a spreadsheet counts them: the multi-line addresses above do not push the row down.
  expect(page).toMatch(/8 Riding name This value is required/);
  await confirm(agent, id);
  const sitting = await t.db('officials').where({ level: 'provincial', jurisdiction: 'ca_on' }).whereNull('end_date').orderBy('last_name');
  expect(sitting.map((o) => [o.first_name, o.last_name, o.constituency, o.phone, o.email, o.province])).toEqual([
    ['Doug', 'Ford', 'Etobicoke North', '416-745-2859', 'doug.fordco@pc.ola.org', 'ON'],
    ['Joel', 'Harden', 'Ottawa Centre', '613-722-6414', 'joel.harden@ola.org', 'ON'],
  ]);
  expect(sitting.map((o) => o.address)).toEqual(['823 Albion Road\nEtobicoke ON M9V 1A3', '109 Catherine Street\nUnit 2\nOttawa Ontario K2P 0P4']);
  expect(await t.db('officials').where({ first_name: 'Vacant seat' }).first()).toBeUndefined();
  const harden = text((await agent.get(`/officials/${sitting[1].id}`)).text);
  expect(harden).toContain('Constituency office 109 Catherine Street Unit 2 Ottawa Ontario K2P 0P4');
  expect((await agent.get(`/officials/${sitting[1].id}`)).text).toContain('109 Catherine Street<br>Unit 2<br>Ottawa Ontario K2P 0P4');
});

test('the Ontario list is for the Legislative Assembly of Ontario only', async () => {
  const res = await upload(agent, FILE, { level: 'provincial', jurisdiction: 'ca_qc' });
  expect(res.status).toBe(422);
  expect(text(res.text)).toContain('This file is the Legislative Assembly of Ontario’s member list; it cannot be imported for National Assembly of Québec.');
});
