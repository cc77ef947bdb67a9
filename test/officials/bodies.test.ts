import type { TestApp } from '../helpers/app';
import { organizationFile, preview, SEVERAL_BODIES, startWithCoordinator } from '../helpers/officials.factories';
import { csrfFrom, switchLanguage, type Agent } from '../helpers/session';
import { cityJurisdiction } from '../../src/officials/jurisdictions';

/**
 * A Represent download whose Organization column names several bodies (every legislature and
 * many councils): imported in one go, each body on its own, without a jurisdiction given.
 */
let t: TestApp;
let agent: Agent;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => { ({ t, agent } = await startWithCoordinator()); });
afterAll(async () => { await t.close(); });

async function post(batchId: number, fields: Record<string, string | string[]>) {
  const page = await agent.get(`/officials/imports/${batchId}`);
  return agent.post(`/officials/imports/${batchId}`).type('form').send({ _csrf: csrfFrom(page.text), ...fields });
}

const seated = (jurisdiction: string) => t.db('officials').where({ jurisdiction }).whereNull('end_date').orderBy('last_name').pluck('last_name');

test('a council’s id is ca_<province>_<city>, the city folded without accents, spaces as underscores', () => {
  expect(cityJurisdiction('QC', 'Montréal')).toBe('ca_qc_montreal');
  expect(cityJurisdiction('QC', 'Saint-Jean-sur-Richelieu')).toBe('ca_qc_saint_jean_sur_richelieu');
  expect(cityJurisdiction('NL', 'St. John’s')).toBe('ca_nl_st_johns');
});

test('the preview groups the counts by body, names each body, and says which rows have no body it knows', async () => {
  const id = await preview(agent, organizationFile(SEVERAL_BODIES));
  const html = (await agent.get(`/officials/imports/${id}`)).text;
  const page = text(html);
  expect(page).toContain('Body 4 bodies');
  expect(page).toContain('Import Legislative Assembly of Ontario Rows 2 To add 2 To update 0 Unchanged 0 To end 0 Sitting, not in the file 0');
  expect(page).toContain('Import National Assembly of Québec Rows 1 To add 1');
  expect(page).toContain('Import Toronto City Council Rows 2 To add 2');
  expect(page).toContain('Import Montréal City Council Rows 1 To add 1');
  expect(page.slice(page.indexOf('Bodies in this file'))).not.toMatch(/ca_on|ca_qc/);
  expect(page).toMatch(/Added:? 6/);
  expect(page).toContain('8 Organization The province of “Ottawa City Council” is not known');
  expect(page).toContain('9 Organization “Hogwarts Board of Governors” is not a body the tracker knows');
  await switchLanguage(agent, 'fr');
  const fr = text((await agent.get(`/officials/imports/${id}`)).text);
  expect(fr).toContain('Importer : Conseil municipal de Montréal Lignes 1 À ajouter 1');
  expect(fr).toContain('Importer : Assemblée nationale du Québec');
  await switchLanguage(agent, 'en');
});

test('an unticked body is left out; the others get their own level and jurisdiction; councils are named by their city', async () => {
  const id = await preview(agent, organizationFile(SEVERAL_BODIES));
  const keys = ['provincial:ca_on', 'municipal:ca_on_toronto', 'municipal:ca_qc_montreal'];
  const review = await post(id, { bodies_shown: '1', bodies: keys, review: '1' });
  expect(text(review.text)).toMatch(/Added:? 5/);
  expect(await t.db('officials').count('* as n').first()).toEqual({ n: '0' });
  expect((await post(id, { bodies_shown: '1', bodies: keys })).status).toBe(303);

  expect(await seated('ca_on')).toEqual(['Ford', 'Harden']);
  expect(await seated('ca_on_toronto')).toEqual(['Malik', 'Perks']);
  expect(await seated('ca_qc_montreal')).toEqual(['Blanco']);
  expect(await seated('ca_qc')).toEqual([]);
  const blanco = await t.db('officials').where({ last_name: 'Blanco' }).first();
  expect(blanco).toMatchObject({ level: 'municipal', province: 'QC', address: '275 rue Notre-Dame Est\nMontréal QC H2Y 1C6', phone: '514-872-0000' });
  expect(await t.db('officials').where({ last_name: 'Harden' }).first()).toMatchObject({ level: 'provincial', province: 'ON', phone: '613-722-6414' });
  expect(text((await agent.get(`/officials/${blanco.id}`)).text)).toContain('Municipal (Montréal City Council)');
  const applied = text((await agent.get(`/officials/imports/${id}`)).text);
  expect(applied).toContain('National Assembly of Québec — left out');
  expect(applied).toContain('Toronto City Council — imported');
  const list = text((await agent.get('/officials/imports')).text);
  expect(list).toContain('4 bodies: Legislative Assembly of Ontario, National Assembly of Québec, Toronto City Council, …');
  await switchLanguage(agent, 'fr');
  expect(text((await agent.get(`/officials/${blanco.id}`)).text)).toContain('Municipal (Conseil municipal de Montréal)');
  await switchLanguage(agent, 'en');
});

test('“this is the complete list” is judged body by body', async () => {
  const later = organizationFile([SEVERAL_BODIES[0], SEVERAL_BODIES[3]]);
  const id = await preview(agent, later);
  const page = text((await agent.get(`/officials/imports/${id}`)).text);
  expect(page).toContain('This file is the complete list for Toronto City Council');
  expect(page).toContain('This file is the complete list for Legislative Assembly of Ontario');
  expect((await post(id, { complete_body: 'municipal:ca_on_toronto' })).status).toBe(303);
  expect(await seated('ca_on_toronto')).toEqual(['Malik']);
  expect(await seated('ca_on')).toEqual(['Ford', 'Harden']);
});

test('unticking every body is refused with the form kept', async () => {
  const id = await preview(agent, organizationFile(SEVERAL_BODIES));
  const res = await post(id, { bodies_shown: '1' });
  expect(res.status).toBe(422);
  expect(text(res.text)).toContain('Tick at least one body to import.');
  expect(await t.db('import_batches').where({ id }).first()).toMatchObject({ status: 'previewed' });
});

test('a body the file leaves as it is says so, and French lines are punctuated the French way', async () => {
  const id = await preview(agent, organizationFile(SEVERAL_BODIES));
  const html = (await agent.get(`/officials/imports/${id}`)).text;
  const ontario = html.slice(html.indexOf('id="body-provincial-ca_on"'));
  expect(text(ontario.slice(0, ontario.indexOf('<h2', 10)))).toContain('Nothing changes for this body');
  await switchLanguage(agent, 'fr');
  const frHtml = (await agent.get(`/officials/imports/${id}`)).text;
  const fr = text(frHtml);
  expect(fr).toContain('Rien ne change pour cette instance');
  expect(frHtml).toContain('<dt>Ajoutés</dt><dd><strong data-count="added">2</strong>');
  expect(fr).toContain('Importer : Assemblée législative de l’Ontario Lignes 2 À ajouter 0 À mettre à jour 0 Inchangés 2');
  expect(frHtml).toMatch(/Ligne 4\u00a0: Gabriel Nadeau-Dubois/);
  await switchLanguage(agent, 'en');
});
