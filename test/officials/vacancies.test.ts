import type { TestApp } from '../helpers/app';
import { HARDEN, importFile, ontarioFile, ontarioRow, ontarioVacantRow, startWithCoordinator } from '../helpers/officials.factories';
import { switchLanguage, type Agent } from '../helpers/session';

let t: TestApp;
let agent: Agent;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => { ({ t, agent } = await startWithCoordinator()); });
afterAll(async () => { await t.close(); });

const harden = ontarioRow(HARDEN);

test('a vacant seat is recorded as a vacancy of that seat and shown in the directory, in English and French', async () => {
  await importFile(agent, ontarioFile([harden, ontarioVacantRow('Scarborough—Guildwood')]));
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
  await importFile(agent, ontarioFile([harden, ontarioRow({ first: 'Ann', last: 'Newcomer', riding: 'Scarborough—Guildwood', memberId: '9001' })]));
  expect(await t.db('vacancies').count('* as n').first()).toEqual({ n: '0' });
  expect(text((await agent.get('/officials')).text)).not.toContain('Vacant seats');
});
