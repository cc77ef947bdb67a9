import type { TestApp } from '../helpers/app';
import { importFile, organizationFile, preview, representFile, startWithCoordinator, upload } from '../helpers/officials.factories';
import { switchLanguage, type Agent } from '../helpers/session';

let t: TestApp;
let agent: Agent;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => { ({ t, agent } = await startWithCoordinator()); });
afterAll(async () => { await t.close(); });

test('Québec MNAs imported as Ontario: the whole file is refused in one plain sentence, nothing written', async () => {
  const res = await upload(agent, representFile([
    'Mont-Royal,MNA,Ruba Ghazal,Ruba,Ghazal,F,Québec solidaire',
    'Gouin,MNA,Gabriel Nadeau-Dubois,Gabriel,Nadeau-Dubois,M,Québec solidaire',
  ]), { level: 'provincial', jurisdiction: 'ca_on' });
  expect(res.status).toBe(422);
  expect(text(res.text)).toContain('None of the rows of this file is for Legislative Assembly of Ontario: the first is for “MNA”.');
  expect(await t.db('import_batches').count('* as n').first()).toEqual({ n: '0' });
});

test('a mixed file: the rows of another body are refused row by row, with the reason', async () => {
  const id = await preview(agent, representFile([
    'Ottawa Centre,MPP,Joel Harden,Joel,Harden,M,NDP',
    'Gouin,MNA,Gabriel Nadeau-Dubois,Gabriel,Nadeau-Dubois,M,Québec solidaire',
    'Ward 3,Conseiller,Anne Marie,Anne,Marie,F,',
  ]), { level: 'provincial', jurisdiction: 'ca_on' });
  const page = text((await agent.get(`/officials/imports/${id}`)).text);
  expect(page).toContain('3 Primary role “MNA” is a role of National Assembly of Québec, not of Legislative Assembly of Ontario');
  expect(page).toContain('4 Primary role “Conseiller” is a role of another level of government than Legislative Assembly of Ontario');
  expect(page).toMatch(/Added:? 1/);
});

test('municipal councillors and mayors imported as provincial are refused; level provincial with jurisdiction ca too', async () => {
  const councillors = representFile(['Ward 1,Maire,Valérie Plante,Valérie,Plante,F,Projet Montréal', 'Ward 2,Conseillère,Ann Two,Ann,Two,F,']);
  const res = await upload(agent, councillors, { level: 'provincial', jurisdiction: 'ca_qc' });
  expect(res.status).toBe(422);
  expect(text(res.text)).toContain('None of the rows of this file is for National Assembly of Québec: the first is for “Maire”.');
  const ca = await upload(agent, Buffer.from('first_name,last_name,constituency\nAnn,Example,Nepean\n'), { level: 'provincial', jurisdiction: 'ca' });
  expect(ca.status).toBe(422);
  expect(text(ca.text)).toContain('A provincial list is for one province’s legislature: choose the province and leave the city empty (not House of Commons).');
  const city = await upload(agent, Buffer.from('first_name,last_name,constituency\nAnn,Example,Ward 1\n'), { level: 'municipal', jurisdiction: 'ca_on' });
  expect(text(city.text)).toContain('A municipal list is for one city council');
});

test('the Organization column is checked against the body chosen', async () => {
  const id = await preview(agent, organizationFile([
    'Toronto City Council,Ward 4,Councillor,Gord Perks,Gord,Perks,M,,',
    'Ottawa City Council,Kitchissippi,Councillor,Jeff Leiper,Jeff,Leiper,M,,',
  ]), { level: 'municipal', jurisdiction: 'ca_on_toronto' });
  const page = text((await agent.get(`/officials/imports/${id}`)).text);
  expect(page).toContain('3 Organization “Ottawa City Council” is another body than Toronto City Council, the one this import is for.');
  expect(await t.db('officials').where({ last_name: 'Leiper' }).first()).toBeUndefined();
});

test('jurisdictions are shown by name: the preview, the list of imports, the official’s page, in English and French', async () => {
  await importFile(agent, representFile(['Ward 10,Councillor,Ausma Malik,Ausma,Malik,F,']), { jurisdiction: 'ca_on_toronto' });
  await importFile(agent, representFile(['Mont-Royal,MNA,Ruba Ghazal,Ruba,Ghazal,F,Québec solidaire']), {});
  const html = (await agent.get('/officials/imports')).text;
  const list = text(html.slice(html.indexOf('<table')));
  expect(list).toContain('Toronto City Council');
  expect(list).toContain('National Assembly of Québec');
  expect(list).not.toContain('ca_on_toronto');
  const malik = await t.db('officials').where({ last_name: 'Malik' }).first();
  expect(text((await agent.get(`/officials/${malik.id}`)).text)).toContain('Municipal (Toronto City Council)');
  await switchLanguage(agent, 'fr');
  const ghazal = await t.db('officials').where({ last_name: 'Ghazal' }).first();
  expect(text((await agent.get(`/officials/${ghazal.id}`)).text)).toContain('Provincial (Assemblée nationale du Québec)');
  expect(text((await agent.get(`/officials/${malik.id}`)).text)).toContain('Municipal (Conseil municipal de Toronto)');
  await switchLanguage(agent, 'en');
});
