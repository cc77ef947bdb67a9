import type { TestApp } from '../helpers/app';
import { importFile, startWithCoordinator } from '../helpers/officials.factories';
import { switchLanguage, type Agent } from '../helpers/session';

let t: TestApp;
let agent: Agent;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => { ({ t, agent } = await startWithCoordinator()); });
afterAll(async () => { await t.close(); });

const HEADER = 'Honorific,First name,Last name,Gender,Office type,Address,City,Province,Postal code,Office email,Email,Telephone,Fax,Toll-free,TTY,Riding name,Party,Parliamentary role,Member ID';
const ontario = (rows: string[]) => Buffer.from(`\ufeff${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');
const HARDEN = 'MPP,Joel,Harden,M,Constituency office,"109 Catherine Street\nUnit 2",Ottawa,ON,K2P 0P4,,joel.harden@ola.org,613-722-6414,,,,Ottawa Centre,NDP,,7264';

test('a vacant seat is recorded as a vacancy of that seat and shown in the directory, in English and French', async () => {
  await importFile(agent, ontario([HARDEN, ',Vacant seat,,,,,,,,,,,,,,Scarborough—Guildwood,,,']));
  expect(await t.db('vacancies').select('level', 'jurisdiction', 'constituency')).toEqual([
    { level: 'provincial', jurisdiction: 'ca_on', constituency: 'Scarborough—Guildwood' },
  ]);
  expect(await t.db('officials').where({ constituency: 'Scarborough—Guildwood' }).first()).toBeUndefined();
  const page = text((await agent.get('/officials')).text);
  expect(page).toMatch(/Vacant seats Scarborough—Guildwood — Legislative Assembly of Ontario: vacant since \w+ \d+, \d{4}/);
  await switchLanguage(agent, 'fr');
  expect(text((await agent.get('/officials')).text)).toMatch(/Sièges vacants Scarborough—Guildwood — Assemblée législative de l’Ontario : vacant depuis le \d+/);
  await switchLanguage(agent, 'en');
});

test('when a later list gives the seat a member, the vacancy ends', async () => {
  await importFile(agent, ontario([HARDEN, 'MPP,Ann,Newcomer,F,Constituency office,"1 Main St",Toronto,ON,M1E 1A1,,ann@ola.org,416-000-0000,,,,Scarborough—Guildwood,Liberal,,9001']));
  expect(await t.db('vacancies').count('* as n').first()).toEqual({ n: '0' });
  expect(text((await agent.get('/officials')).text)).not.toContain('Vacant seats');
});
