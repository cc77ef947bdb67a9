import { startTestApp, TestApp } from '../helpers/app';
import { createUser } from '../helpers/factories';
import { commonsBytes, importFile } from '../helpers/officials.factories';
import { Agent, signIn } from '../helpers/session';

let t: TestApp;
let member: Agent;

beforeAll(async () => {
  t = await startTestApp();
  const coordinator = await createUser(t.db, 'coordinator');
  await importFile(await signIn(t.app, coordinator.email), commonsBytes());
  const user = await createUser(t.db, 'member');
  member = await signIn(t.app, user.email);
});
afterAll(async () => { await t.close(); });

const names = (html: string) => [...html.matchAll(/<a href="\/officials\/\d+">([^<]+)<\/a>/g)].map((m) => m[1].replace(/&#39;/g, "'"));

test('search ignores accents, dashes and case, and finds a riding by either of its names', async () => {
  expect(names((await member.get('/officials?q=chateauguay lacolle').expect(200)).text)).toEqual(["Patrick O'Hara"]);
  expect(names((await member.get('/officials?q=PARRY-SOUND muskoka').expect(200)).text)).toEqual(['Scott Aitchison']);
  expect(names((await member.get('/officials?q=Halifax-Ouest').expect(200)).text)).toEqual(['Lena Metlege Diab']);
  expect(names((await member.get('/officials?q=aboultaif').expect(200)).text)).toEqual(['Ziad Aboultaif']);
  expect((await member.get('/officials?q=nobody%25here').expect(200)).text).toContain('No official matches this search');
});

test('filters by province and party live in the URL, and the list is paginated', async () => {
  const page = await member.get('/officials?province=NS&party=Conservative').expect(200);
  expect(names(page.text)).toEqual(["Chris d'Entremont", 'Stephen Ellis', 'Richard Perkins']);
  expect(page.text).toMatch(/<option value="NS" selected>/);
  const all = await member.get('/officials?sort=constituency').expect(200);
  expect(all.text).toContain('Page 1 of 14 (338 in all)');
  expect(all.text).toContain('href="/officials?sort=constituency&amp;page=2"');
  expect(names(all.text)[0]).toBe('Ed Fast'); // Abbotsford
});

test('a French reader sees French riding and party names', async () => {
  await t.db('users').where({ email: (await t.db('users').where({ role: 'member' }).first()).email }).update({ language: 'fr' });
  const page = await member.get('/officials?q=halifax').expect(200);
  expect(page.text).toContain('Halifax-Ouest');
  expect(page.text).toContain('Libéral');
  await t.db('users').where({ role: 'member' }).update({ language: null });
});

test('sitting and former officials, and the details page with its meetings section', async () => {
  const mp = await t.db('officials').where({ last_name: 'Aitchison' }).first();
  await t.db('officials').where({ id: mp.id }).update({ end_date: '2025-03-23' });
  expect(names((await member.get('/officials?q=aitchison').expect(200)).text)).toEqual([]);
  expect(names((await member.get('/officials?q=aitchison&status=former').expect(200)).text)).toEqual(['Scott Aitchison']);
  const show = await member.get(`/officials/${mp.id}`).expect(200);
  expect(show.text).toContain('Parry Sound—Muskoka');
  expect(show.text).toContain('Former official (September 20, 2021 – March 23, 2025)');
  expect(show.text).toContain(`href="/meetings/new?official=${mp.id}"`);
  expect(show.text).toContain('<section id="meetings"');
  await member.get('/officials/999999').expect(404);
  await member.get('/officials/abc').expect(404);
});
