import type { TestApp } from '../helpers/app';
import { commonsBytes, confirm, importFile, preview, representFile, startWithCoordinator } from '../helpers/officials.factories';
import type { Agent } from '../helpers/session';

let t: TestApp;
let agent: Agent;
const sitting = (last_name: string) => t.db('officials').where({ last_name }).whereNull('end_date').first();

beforeAll(async () => { ({ t, agent } = await startWithCoordinator()); });
afterAll(async () => { await t.close(); });

test('the October 2021 export (2013 map): every MP gets a French riding name and a province', async () => {
  await importFile(agent, commonsBytes());
  const rows = await t.db('officials').where({ level: 'federal' }).select('constituency', 'constituency_fr', 'province');
  expect(rows).toHaveLength(338);
  expect(rows.filter((r) => !r.constituency_fr)).toEqual([]);
  expect(rows.filter((r) => !r.province)).toEqual([]);
  expect(rows.find((r) => r.constituency === 'West Nova')).toMatchObject({ constituency_fr: 'Nova-Ouest', province: 'NS' });
  expect(rows.find((r) => r.constituency === 'Bonavista—Burin—Trinity')).toMatchObject({ province: 'NL' });
});

test('a Represent file of the 2013 map: the riding lists, then the constituency office address, give each MP a province', async () => {
  const id = await preview(agent, representFile([
    // Ridings of the 2013 map only (gone from the 2023 map): the 2013 list knows their province.
    'West Nova,MP,Chris d’Entremont,Chris,d’Entremont,M,Conservative,,,,,constituency,"9 Main St\nYarmouth",1-902-742-6808,',
    'Fredericton,MP,Jenica Atwin,Jenica,Atwin,F,Liberal,,,,,legislature,"House of Commons\nOttawa ON  K1A 0A6",1-613-992-1067,',
    // Names in neither list: the constituency office's province code or postal code says it.
    'Sample Riding North,MP,Ada Test,Ada,Test,F,Liberal,,,,,legislature,"House of Commons\nOttawa ON  K1A 0A6",,,constituency,"1 Rue Principale\nGaspé, Québec  G4X 1A1",,',
    'Sample Riding South,MP,Bea Probe,Bea,Probe,F,Liberal,,,,,constituency,"22 Water St\nWhitehorse  Y1A 1B2",,',
    'Sample Riding East,MP,Cy Check,Cy,Check,M,Liberal,,,,,constituency,"PO Box 10\nIqaluit  X0A 0H0",,',
    // Nothing anywhere but the Ottawa office, which says nothing about the seat.
    'Sample Riding West,MP,Di Nowhere,Di,Nowhere,F,Liberal,,,,,legislature,"House of Commons\nOttawa ON  K1A 0A6",,',
  ]));
  const page = await agent.get(`/officials/imports/${id}`);
  expect(page.text).toContain('1 official in this file has no province');
  expect(page.text).toMatch(/id="no-province"[\s\S]*Di Nowhere — Sample Riding West/);
  await confirm(agent, id);
  expect(await sitting('d’Entremont')).toMatchObject({ province: 'NS', constituency_fr: 'Nova-Ouest' });
  expect(await sitting('Atwin')).toMatchObject({ province: 'NB' });
  expect(await sitting('Test')).toMatchObject({ province: 'QC' });
  expect(await sitting('Probe')).toMatchObject({ province: 'YT' });
  expect(await sitting('Check')).toMatchObject({ province: 'NU' });
  expect(await sitting('Nowhere')).toMatchObject({ province: null });
});

test('the warning is in French for a French reader', async () => {
  const id = await preview(agent, representFile(['Sample Riding Far,MP,Ed Void,Ed,Void,M,Liberal']));
  const page = await agent.get(`/officials/imports/${id}`).set('Accept-Language', 'fr-CA,fr;q=0.9');
  expect(page.text).toContain('1 élu de ce fichier n’a pas de province');
});
