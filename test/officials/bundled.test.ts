import type { TestApp } from '../helpers/app';
import { createUser } from '../helpers/factories';
import { confirm, startWithCoordinator } from '../helpers/officials.factories';
import { csrfFrom, signIn, switchLanguage, type Agent } from '../helpers/session';

/** An empty directory offers coordinators the list that ships with the tracker, through the usual preview. */
let t: TestApp;
let agent: Agent;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => { ({ t, agent } = await startWithCoordinator()); });
afterAll(async () => { await t.close(); });

test('a member is not offered the import; a coordinator is, on the directory and the imports page, in English and French', async () => {
  const member = await signIn(t.app, (await createUser(t.db, 'member')).email);
  expect((await member.get('/officials')).text).not.toContain('bundled-offer');
  expect(text((await agent.get('/officials')).text)).toContain('The directory is empty Start with the list that comes with the tracker: the 343 members');
  expect(text((await agent.get('/officials/imports')).text)).toContain('Import the bundled list');
  await switchLanguage(agent, 'fr');
  expect(text((await agent.get('/officials')).text)).toContain('Le répertoire est vide');
  expect(text((await agent.get('/officials')).text)).toContain('Importer la liste fournie');
  await switchLanguage(agent, 'en');
});

test('the offer previews the bundled list; applying it fills the directory, and the offer goes', async () => {
  const page = await agent.get('/officials');
  const res = await agent.post('/officials/imports/bundled').type('form').send({ _csrf: csrfFrom(page.text) });
  expect(res.status).toBe(303);
  const batchId = Number(res.headers.location.split('/').pop());
  const preview = text((await agent.get(`/officials/imports/${batchId}`)).text);
  expect(preview).toContain('house-of-commons-mps-2025-45th-parliament.csv');
  expect(preview).toMatch(/Added:? 343/);
  expect(await t.db('officials').count('* as n').first()).toEqual({ n: '0' });
  expect((await confirm(agent, batchId)).status).toBe(303);
  expect(await t.db('officials').where({ level: 'federal', jurisdiction: 'ca' }).whereNull('end_date').count('* as n').first()).toEqual({ n: '343' });
  expect((await agent.get('/officials')).text).not.toContain('bundled-offer');
  expect((await agent.get('/officials/imports')).text).not.toContain('bundled-offer');
});
