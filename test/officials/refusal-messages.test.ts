import type { TestApp } from '../helpers/app';
import { preview, startWithCoordinator, upload } from '../helpers/officials.factories';
import { switchLanguage, type Agent } from '../helpers/session';

let t: TestApp;
let agent: Agent;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => { ({ t, agent } = await startWithCoordinator()); });
afterAll(async () => { await t.close(); });

const UNKNOWN = Buffer.from('Name,Riding,Phone\nAnn Example,Nepean,613-555-0100\n');

test('an unrecognised file: the columns found, what each format lacks, links to the formats and the template', async () => {
  const res = await upload(agent, UNKNOWN, {}, 'members.csv');
  expect(res.status).toBe(422);
  const page = text(res.text);
  expect(page).toContain('We do not recognise this file');
  expect(page).toContain('Its first row has these columns: “Name”, “Riding”, “Phone”.');
  expect(page).toContain('Open North Represent needs “District name”, “Primary role”.');
  expect(page).toContain('Tracker template needs “first_name”, “last_name”, “constituency”.');
  expect(page).toContain('House of Commons export (English) needs “Honorific Title”, “First Name”');
  expect(page).not.toContain(' | ');
  expect(res.text).toMatch(/<a href="#formats">the recognised files<\/a>/);
  expect(res.text).toContain('<details id="formats" open>');
  expect(res.text).toMatch(/id="import-refused"[\s\S]*href="\/officials\/imports\/template.csv"/);
  expect(await t.db('officials').count('* as n').first()).toEqual({ n: '0' });
});

test('the same refusal in French', async () => {
  await switchLanguage(agent, 'fr');
  const page = text((await upload(agent, UNKNOWN, {}, 'membres.csv')).text);
  await switchLanguage(agent, 'en');
  expect(page).toContain('Nous ne reconnaissons pas ce fichier');
  expect(page).toContain('Sa première ligne a ces colonnes : “Name”, “Riding”, “Phone”.');
  expect(page).toContain('Represent d’Open North : il manque “District name”, “Primary role”.');
  expect(page).toContain('les fichiers reconnus');
});

test('a problem names the row as a spreadsheet shows it: a quoted address with line breaks is one row', async () => {
  const id = await preview(agent, Buffer.from([
    'first_name,last_name,constituency,phone,start_date',
    'Ann,One,Nepean,"Office:\n1 Main St\nNepean ON",2021-09-20',
    'Bob,Two,Ottawa Centre,,20/09/2021',
    '',
    'Cy,Three,Ottawa South,,2021-13-40',
  ].join('\n')), { level: 'provincial', jurisdiction: 'ca_on' });
  const page = await agent.get(`/officials/imports/${id}`);
  expect(page.text).toMatch(/<th scope="col">Row<\/th>/);
  expect(page.text).toMatch(/<td>3<\/td><td>start_date<\/td><td>“20\/09\/2021” is not a date/);
  expect(page.text).toMatch(/<td>5<\/td><td>start_date<\/td><td>“2021-13-40” is not a date/);
});
