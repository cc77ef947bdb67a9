import iconv from 'iconv-lite';
import type { TestApp } from '../helpers/app';
import { COMMONS_HEADER, commonsFile, upload, startWithCoordinator } from '../helpers/officials.factories';
import { Agent, csrfFrom } from '../helpers/session';

let t: TestApp;
let agent: Agent;

beforeAll(async () => { ({ t, agent } = await startWithCoordinator()); });
afterAll(async () => { await t.close(); });

const row = ',Ann,Example,Nepean,Ontario,Liberal,2021-09-20 12:00:00 AM,';

test.each([
  ['an .xlsx renamed .csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), 'This looks like an Excel file'],
  ['a PDF renamed .csv', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'This looks like a PDF file'],
  ['a file with NUL bytes', Buffer.from('first_name,last_name\u0000,constituency\nA,B,C\n'), 'contains NUL bytes'],
  ['an empty file', Buffer.alloc(0), 'This file is empty'],
  ['a file of blank lines', Buffer.from('\r\n \r\n'), 'This file is empty'],
  ['a header-only file', commonsFile([]), 'a header but no rows'],
  ['a semicolon-separated file', Buffer.from('Honorific Title;First Name;Last Name;Constituency\n;Ann;Example;Nepean\n'), 'This looks semicolon-separated'],
  ['an unknown header', Buffer.from('name,riding\nAnn,Nepean\n'), 'Its first row has these columns: “name”, “riding”'],
  ['a duplicated column', Buffer.from('first_name,last_name,constituency,last_name\nAnn,Example,Nepean,Other\n'), 'The column “last_name” appears twice'],
  ['data under a nameless column', Buffer.from('first_name,last_name,constituency,\nAnn,Example,Nepean,what\n'), 'Column 4 has no name but holds data'],
  ['bytes that are not text in any encoding it knows', Buffer.from([0x66, 0x69, 0x72, 0x73, 0x74, 0x0a, 0x81, 0x8d, 0xc3]), 'neither UTF-8, UTF-16 nor Windows-1252'],
  ['control characters', Buffer.from('first_name,last_name,constituency\nA\u0001,B,C\n'), 'control characters'],
  ['an unclosed quote', Buffer.from('first_name,last_name,constituency\n"Ann,Example,Nepean\n'), 'malformed near line'],
  ['more than 10,000 rows', commonsFile(Array.from({ length: 10_001 }, (_, i) => `,A,B${i},Riding ${i},Ontario,Liberal,2021-09-20,`)), 'more than 10,000 rows'],
  ['a header of more than 1,000 columns', Buffer.from(`first_name,last_name,constituency${',x'.repeat(1000)}\nAnn,Example,Nepean\n`), 'more than 1,000 columns'],
  ['a municipal list with no jurisdiction', iconv.encode('District name,Primary role,Name\r\nWard 1,Councillor,Ana Lopez\r\n', 'windows-1252'), 'Say which body this list is for: choose its province or territory'],
  ['a Represent file whose role says no level', iconv.encode('District name,Primary role,Name\r\nNorth,Chair,Ana Lopez\r\n', 'windows-1252'), 'We cannot tell the level from the role “Chair”'],
])('%s is refused with a plain message and nothing written', async (_name, bytes, message) => {
  const res = await upload(agent, bytes);
  expect(res.status).toBe(422);
  expect(res.text).toContain(message);
  expect(await t.db('officials').count('* as n').first()).toEqual({ n: '0' });
  expect(await t.db('import_batches').count('* as n').first()).toEqual({ n: '0' });
});

test('the House of Commons export cannot be imported as another level', async () => {
  const res = await upload(agent, commonsFile([row]), { level: 'municipal', jurisdiction: 'ca_on_ottawa' });
  expect(res.status).toBe(422);
  expect(res.text).toContain('This file lists federal MPs: import it at the federal level (House of Commons), with no province or city.');
});

test('a file over 5 MB, or no file at all, is refused', async () => {
  const big = Buffer.concat([Buffer.from(`${COMMONS_HEADER}\n`), Buffer.alloc(5 * 1024 * 1024 + 1, 'a')]);
  expect((await upload(agent, big)).text).toContain('larger than 5 MB');
  const token = csrfFrom((await agent.get('/officials/imports')).text);
  const none = await agent.post('/officials/imports').field('_csrf', token).field('level', '');
  expect(none.status).toBe(422);
  expect(none.text).toContain('Choose a CSV file to upload');
});

test('the uploaded file name is never echoed unescaped', async () => {
  const res = await upload(agent, Buffer.from('%PDF-1.4'), {}, '<img src=x onerror=alert(1)>.csv');
  expect(res.status).toBe(422);
  expect(res.text).not.toContain('<img src=x');
  expect(res.text).toContain('&lt;img src=x onerror=alert(1)&gt;.csv');
});

test('an unknown level, province or city is reported next to its field, the input kept', async () => {
  const res = await upload(agent, commonsFile([row]), { level: 'galactic', province: 'XX', city: '!!!' });
  expect(res.status).toBe(422);
  expect(res.text).toContain('Choose a level from the list');
  expect(res.text).toContain('Choose a province or territory from the list.');
  expect(res.text).toContain('Write the city’s name, for example Toronto.');
  expect(res.text).toContain('value="!!!"');
  const cityAlone = await upload(agent, commonsFile([row]), { level: 'municipal', city: 'Toronto' });
  expect(cityAlone.text).toContain('Choose the city’s province or territory too.');
  expect(cityAlone.text).toContain('value="Toronto"');
  // A jurisdiction id as scripts post it is still read, and refused when malformed.
  expect((await upload(agent, commonsFile([row]), { jurisdiction: 'Ontario!' })).text).toContain('The tracker does not know this body.');
});

test('the form asks in words: a province and a city make the council the list is for', async () => {
  const res = await upload(agent, Buffer.from('first_name,last_name,constituency\nAnn,Example,Ward 1\n'), { level: 'municipal', province: 'ON', city: 'Toronto' });
  expect(res.status).toBe(303);
  const batch = await t.db('import_batches').orderBy('id', 'desc').first();
  expect(batch).toMatchObject({ level: 'municipal', jurisdiction: 'ca_on_toronto' });
});

test('a French-speaking coordinator gets the refusal and the preview in French', async () => {
  await t.db('users').where({ role: 'coordinator' }).update({ language: 'fr' });
  const refused = await upload(agent, Buffer.from('a;b;c\n1;2;3\n'));
  expect(refused.status).toBe(422);
  expect(refused.text).toContain('Ce fichier semble séparé par des points-virgules');
  const ok = await upload(agent, commonsFile([row, ',Bad,Date,Ottawa Centre,Ontario,Liberal,demain,']));
  const page = await agent.get(ok.headers.location).expect(200);
  expect(page.text).toContain('Exportation de la Chambre des communes (anglais)');
  expect(page.text).toContain('« demain » n’est pas une date');
  expect(page.text).toContain('Élus à ajouter');
  await t.db('users').where({ role: 'coordinator' }).update({ language: null });
});
