import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser } from '../helpers/factories';
import { meetingBy } from '../helpers/meetings.factories';
import { Agent, signIn } from '../helpers/session';
import { fold } from '../../src/shared/fold';

/* The meetings list on a phone: one search box (the official's name or riding) and sortable columns. */
let t: TestApp;
let member: Agent;

/** The officials of the list's rows, in the order shown (each card's title names its official). */
const officialsShown = (html: string) => [...html.matchAll(/<span class="card-only">&nbsp;· ([^<]+)<\/span>/g)].map((m) => m[1]);

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db, { name: 'Local 9' });
  const mona = await createUser(t.db, 'member', { local_id: local.id });
  const official = (first_name: string, last_name: string, constituency: string) =>
    createOfficial(t.db, { first_name, last_name, constituency, search_text: fold(`${first_name} ${last_name} ${constituency}`) });
  const ch = await official('Brenda', 'Shanahan', 'Châteauguay—Lacolle');
  const to = await official('Marci', 'Ien', 'Toronto Centre');
  const ab = await official('Ziad', 'Aboultaif', 'Edmonton Manning');
  await meetingBy(t.db, mona, { official_id: ch.id, held_on: '2026-03-01' });
  await meetingBy(t.db, mona, { official_id: to.id, held_on: '2026-02-01' });
  await meetingBy(t.db, mona, { official_id: ab.id, held_on: '2026-01-01' });
  member = await signIn(t.app, mona.email);
});
afterAll(async () => { await t.close(); });

test('the search box finds meetings by part of the riding or the name, accents and dashes aside, and says so in a tag', async () => {
  const byRiding = await member.get('/meetings?q=chateauguay%20lacolle').expect(200);
  expect(officialsShown(byRiding.text)).toEqual(['Brenda Shanahan']);
  expect(byRiding.text).toContain('1 meeting');
  expect(byRiding.text).toMatch(/Search: “chateauguay lacolle”/);
  expect(officialsShown((await member.get('/meetings?q=IEN').expect(200)).text)).toEqual(['Marci Ien']);
  expect((await member.get('/meetings?q=%25').expect(200)).text).toContain('No meeting matches these filters.');
});

test('the date and official columns sort the list, newest first by default', async () => {
  expect(officialsShown((await member.get('/meetings').expect(200)).text)).toEqual(['Brenda Shanahan', 'Marci Ien', 'Ziad Aboultaif']);
  expect(officialsShown((await member.get('/meetings?sort=oldest').expect(200)).text)).toEqual(['Ziad Aboultaif', 'Marci Ien', 'Brenda Shanahan']);
  const byOfficial = await member.get('/meetings?sort=official').expect(200);
  expect(officialsShown(byOfficial.text)).toEqual(['Ziad Aboultaif', 'Marci Ien', 'Brenda Shanahan']);
  expect(byOfficial.text).toMatch(/<th scope="col" aria-sort="ascending"><a class="sort" href="\/meetings\?sort=official">Official/);
  // An unknown sort is the default one, not an error.
  expect(officialsShown((await member.get('/meetings?sort=%27;drop').expect(200)).text)).toEqual(['Brenda Shanahan', 'Marci Ien', 'Ziad Aboultaif']);
});

test('the other filters sit behind a disclosure that counts those in force', async () => {
  expect((await member.get('/meetings').expect(200)).text).toMatch(/<details class="filters-disclosure">\s*<summary>Filters<\/summary>/);
  const two = await member.get('/meetings?q=ien&status=held&stance=supportive').expect(200);
  expect(two.text).toContain('<summary>Filters (2)</summary>');
  const refused = await member.get('/meetings?from=tomorrow').expect(422);
  expect(refused.text).toMatch(/<details class="filters-disclosure" open>/);
});
