import iconv from 'iconv-lite';
import type { TestApp } from '../helpers/app';
import { commonsFile, confirm, FRENCH_HEADER, importFile, preview, representFile, startWithCoordinator } from '../helpers/officials.factories';
import type { Agent } from '../helpers/session';

let t: TestApp;
let agent: Agent;
const official = (last_name: string) => t.db('officials').where({ last_name }).whereNull('end_date').first();

beforeAll(async () => { ({ t, agent } = await startWithCoordinator()); });
afterAll(async () => { await t.close(); });

test('the export re-saved by a spreadsheet: no quotes, no BOM, LF, "0:00" dates, extra columns', async () => {
  const file = Buffer.from([
    'Honorific Title,First Name,Last Name,Constituency,Province / Territory,Political Affiliation,Start Date,End Date,Notes',
    'Hon.,Anita,Anand,Oakville,Ontario,Liberal,2021-09-20 0:00,,ours',
    ',Ziad,Aboultaif,Edmonton Manning,Alberta,Conservative,2021-09-20 0:00,,',
    ',Old,Member,Halifax West,Nova Scotia,Liberal,2015-10-19 0:00,2021-08-15 0:00,',
  ].join('\n'));
  await importFile(agent, file);
  expect(await official('Anand')).toMatchObject({ honorific: 'Hon.', constituency: 'Oakville', start_date: '2021-09-20', province: 'ON' });
  expect(await t.db('officials').where({ last_name: 'Member' }).first()).toMatchObject({ end_date: '2021-08-15', constituency_fr: 'Halifax-Ouest' });
});

test('the French export matches the same seats: provinces and parties in French, riding names in French', async () => {
  const id = await preview(agent, commonsFile([
    ',Ziad,Aboultaif,Edmonton Manning,Alberta,Conservateur,2021-09-20 12:00:00 AM,',
    'L’hon.,Anita,Anand,Oakville,Ontario,Libéral,2021-09-20 12:00:00 AM,',
    ',Geoff,Regan,Halifax-Ouest,Nouvelle-Écosse,Libéral,2021-09-20 12:00:00 AM,',
  ], FRENCH_HEADER));
  const page = await agent.get(`/officials/imports/${id}`);
  expect(page.text).toContain('House of Commons export (French)');
  expect(page.text).toMatch(/data-count="added">1</);
  await confirm(agent, id);
  expect(await official('Aboultaif')).toMatchObject({ party: 'Conservative', province: 'AB' });
  expect(await official('Regan')).toMatchObject({ constituency: 'Halifax West', constituency_fr: 'Halifax-Ouest', province: 'NS', party: 'Liberal' });
});

test('a new preferred name on the same seat, with the same party and part of the surname, is an update, not a new official', async () => {
  const before = await official('Aboultaif');
  const id = await preview(agent, commonsFile([',Zed,Aboultaif-Smith,Edmonton Manning,Alberta,Conservative,2021-09-20 12:00:00 AM,']));
  const page = (await agent.get(`/officials/imports/${id}`)).text;
  expect(page).toContain('First name: Ziad → Zed');
  expect(page).toContain('same person, name changed: Ziad Aboultaif → Zed Aboultaif-Smith');
  await confirm(agent, id);
  expect(await official('Aboultaif-Smith')).toMatchObject({ id: before.id, first_name: 'Zed' });
});

test('Represent CSV in Windows-1252: em dash 0x97, bare LF in quoted addresses, short rows, constituency phone', async () => {
  const bytes = representFile([
    'Châteauguay—Les Jardins-de-Napierville,MP,Brenda Shanahan,Brenda,Shanahan,F,Liberal,brenda.shanahan@parl.gc.ca,,,,legislature,"House of Commons\nOttawa ON  K1A 0A6",1-613-995-0000,,constituency,"233 Main St\nChâteauguay QC  J6K 3B2",1-450-698-3939,',
    'Parry Sound—Muskoka,MP,Scott Aitchison,Scott,Aitchison,M,Conservative,scott.aitchison@parl.gc.ca',
  ]);
  expect(bytes.includes(0x97)).toBe(true);
  const id = await preview(agent, bytes);
  const page = await agent.get(`/officials/imports/${id}`);
  expect(page.text).toContain('Open North Represent');
  expect(page.text).toContain('windows-1252');
  await confirm(agent, id);
  expect(await official('Shanahan')).toMatchObject({
    constituency: 'Châteauguay—Les Jardins-de-Napierville', email: 'brenda.shanahan@parl.gc.ca', phone: '1-450-698-3939', province: 'QC', level: 'federal', jurisdiction: 'ca',
  });
  expect(await official('Aitchison')).toMatchObject({ constituency: 'Parry Sound—Muskoka', province: 'ON', phone: null });
});

test('Represent for a city council takes the jurisdiction from the form', async () => {
  const bytes = representFile(['Ward 1,Councillor,Ana Lopez,Ana,Lopez,F,,ana@example.org']);
  const res = await agent.get('/officials/imports');
  expect(res.status).toBe(200);
  await importFile(agent, bytes, { jurisdiction: 'ca_on_toronto' });
  expect(await official('Lopez')).toMatchObject({ level: 'municipal', jurisdiction: 'ca_on_toronto', province: 'ON', constituency: 'Ward 1' });
});

test('UTF-16 with a BOM and the generic template', async () => {
  const text = 'first_name,last_name,constituency,province,party,email,start_date\r\nMarie,Côté,Mont-Royal,QC,Québec solidaire,marie@example.org,2022-10-03\r\n';
  const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
  await importFile(agent, bytes, { level: 'provincial', jurisdiction: 'ca_qc' });
  expect(await official('Côté')).toMatchObject({ level: 'provincial', jurisdiction: 'ca_qc', party: 'Québec solidaire', constituency: 'Mont-Royal', start_date: '2022-10-03' });
  const template = await agent.get('/officials/imports/template.csv').expect(200);
  expect(template.headers['content-disposition']).toContain('officials-template.csv');
  expect(template.text.split('\n')[0]).toBe('honorific,first_name,last_name,constituency,constituency_fr,province,party,email,phone,start_date,end_date');
});

test('a row with a bad date or province is reported with its line and column, the others imported', async () => {
  const id = await preview(agent, commonsFile([
    ',Good,Row,Nepean,Ontario,Liberal,2021-09-20 12:00:00 AM,',
    ',Bad,Date,Ottawa Centre,Ontario,Liberal,20/09/2021,',
    ',Bad,Province,Ottawa South,Atlantis,Liberal,2021-09-20 12:00:00 AM,',
  ]));
  const page = await agent.get(`/officials/imports/${id}`);
  expect(page.text).toMatch(/<td>3<\/td><td>Start Date<\/td><td>“20\/09\/2021” is not a date/);
  expect(page.text).toMatch(/<td>4<\/td><td>Province \/ Territory<\/td><td>“Atlantis” is not a province/);
  await confirm(agent, id);
  expect(await official('Row')).toBeDefined();
  expect(await official('Date')).toBeUndefined();
});

test('a long preview shows the first 200 of each list and says how many more', async () => {
  const rows = Array.from({ length: 205 }, (_, i) => `,Long${i},List,Long Riding ${i},Ontario,NDP,2021-09-20 12:00:00 AM,`);
  const id = await preview(agent, commonsFile(rows));
  const page = await agent.get(`/officials/imports/${id}`).expect(200);
  expect(page.text).toContain('Long199 List');
  expect(page.text).not.toContain('Long200 List');
  expect(page.text).toContain('…and 5 more.');
});
