import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';
import { meetingBy } from '../helpers/meetings.factories';
import { Agent, csrfFrom, postForm, signIn, signInAt, switchLanguage, FROM_OUR_PAGE } from '../helpers/session';
import type { SessionUser } from '../../src/shared/types';

let t: TestApp;
let mona: SessionUser;
let other: SessionUser;
let member: Agent;
let mp: Awaited<ReturnType<typeof createOfficial>>;

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db);
  mona = await createUser(t.db, 'member', { local_id: local.id, name: 'Mona Member' });
  other = await createUser(t.db, 'member', { local_id: (await createLocal(t.db)).id, name: 'Olga Other' });
  mp = await createOfficial(t.db, { first_name: 'Brenda', last_name: 'Shanahan' });
  await createCampaign(t.db, { is_default: true }, ['Funding']);
  member = await signIn(t.app, mona.email);
});
afterAll(async () => { await t.close(); });

const fields = { official_id: '', status: 'held', held_on: '2026-04-02', stance: 'supportive', notes: 'My own notes' };

describe('the same meeting logged twice', () => {
  test('says so, links to the one already logged, keeps the input, and saves only when confirmed', async () => {
    const first = await meetingBy(t.db, mona, { official_id: mp.id, held_on: '2026-04-02' });
    const typed = { ...fields, official_id: String(mp.id) };
    const res = await postForm(member, '/meetings/new', typed);
    expect(res.status).toBe(409);
    expect(res.text).toContain('A meeting with this official on this day is already logged');
    expect(res.text).toContain(`href="/meetings/${first.id}"`);
    expect(res.text).toContain('Open the meeting logged by Mona Member (Held)');
    expect(res.text).toContain('My own notes');
    expect(await t.db('meetings').count('* as n').first()).toEqual({ n: '1' });

    const confirmed = await postForm(member, '/meetings/new', { ...typed, confirm_duplicate: '1' });
    expect(confirmed.status).toBe(303);
    expect(await t.db('meetings').count('* as n').first()).toEqual({ n: '2' });
  });

  test("another local's meeting is mentioned without a link to it", async () => {
    const mp2 = await createOfficial(t.db);
    const theirs = await meetingBy(t.db, other, { official_id: mp2.id, held_on: '2026-04-03' });
    const res = await postForm(member, '/meetings/new', { ...fields, official_id: String(mp2.id), held_on: '2026-04-03' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Another local has logged a meeting with this official on this day.');
    expect(res.text).not.toContain(`href="/meetings/${theirs.id}"`);
  });

  test('a lobby day with many meetings lists the first five and counts the rest', async () => {
    const busy = await createOfficial(t.db);
    const logged = [];
    for (let i = 0; i < 12; i += 1) logged.push(await meetingBy(t.db, mona, { official_id: busy.id, held_on: '2026-04-04' }));
    const res = await postForm(member, '/meetings/new', { ...fields, official_id: String(busy.id), held_on: '2026-04-04' });
    expect(res.status).toBe(409);
    expect(res.text.match(/Open the meeting logged by/g)).toHaveLength(5);
    expect(res.text).toContain(`href="/meetings/${logged[0].id}"`);
    expect(res.text).not.toContain(`href="/meetings/${logged[5].id}"`);
    expect(res.text).toContain('And 7 other meetings with this official on this day.');
    expect(res.text).toContain('My own notes');
  });
});

describe('a session that expired while the form was open', () => {
  test('the posted form is kept, and after signing in again the member finds it as they left it; nothing saved', async () => {
    const agent = await signIn(t.app, mona.email);
    const token = csrfFrom((await agent.get(`/meetings/new?official=${mp.id}`)).text);
    await t.db('sessions').delete(); // the session expires on the server
    const before = Number((await t.db('meetings').count('* as n').first())!.n);
    const posted = await agent.post(`/meetings/new?official=${mp.id}`).set(FROM_OUR_PAGE).type('form').send({
      _csrf: token, official_id: String(mp.id), status: 'held', held_on: '2026-04-05', stance: 'champion',
      notes: 'Twenty minutes of careful notes', commitment_kinds: ['minister'], 'follow_ups[0][description]': 'Send the report',
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe(`/login?next=${encodeURIComponent(`/meetings/new?official=${mp.id}`)}`);
    const login = await agent.get(posted.headers.location).expect(200);
    expect(login.text).toContain('Sign in again');
    const back = await signInAt(agent, posted.headers.location, mona.email);
    expect(back.headers.location).toBe(`/meetings/new?official=${mp.id}`);
    const form = await agent.get(back.headers.location).expect(200);
    expect(form.text).toContain('Twenty minutes of careful notes');
    expect(form.text).toMatch(/<option value="champion" selected>/);
    expect(form.text).toMatch(/name="commitment_kinds" value="minister" checked/);
    expect(form.text).toContain('value="Send the report"');
    expect(form.text).toContain('value="2026-04-05"');
    expect(Number((await t.db('meetings').count('* as n').first())!.n)).toBe(before);
    // Once: a fresh visit shows a blank form again.
    expect((await agent.get(`/meetings/new?official=${mp.id}`)).text).not.toContain('Twenty minutes');
  });
});

test('an edit posted after the session expired is put back in the edit form, and saving it then works', async () => {
  const m = await meetingBy(t.db, mona, { official_id: mp.id, held_on: '2026-04-20', notes: 'Old notes' });
  const agent = await signIn(t.app, mona.email);
  const token = csrfFrom((await agent.get(`/meetings/${m.id}/edit`)).text);
  await t.db('sessions').delete();
  const posted = await agent.post(`/meetings/${m.id}/edit`).set(FROM_OUR_PAGE).type('form')
    .send({ _csrf: token, official_id: String(mp.id), status: 'held', held_on: '2026-04-20', notes: 'Edited notes, not lost', version: '1' });
  expect(posted.headers.location).toBe(`/login?next=${encodeURIComponent(`/meetings/${m.id}/edit`)}`);
  const back = await signInAt(agent, posted.headers.location, mona.email);
  const form = await agent.get(back.headers.location).expect(200);
  expect(form.text).toContain('Edited notes, not lost');
  const saved = await agent.post(`/meetings/${m.id}/edit`).type('form')
    .send({ _csrf: csrfFrom(form.text), official_id: String(mp.id), status: 'held', held_on: '2026-04-20', notes: 'Edited notes, not lost', version: '1' });
  expect(saved.status).toBe(303);
  expect(await t.db('meetings').where({ id: m.id }).first()).toMatchObject({ notes: 'Edited notes, not lost', version: 2 });
});

describe('in French', () => {
  test('the form, its choices and its messages are in French', async () => {
    const agent = await signIn(t.app, mona.email);
    await switchLanguage(agent, 'fr');
    const page = await agent.get('/meetings/new').expect(200);
    expect(page.text).toContain('<html lang="fr">');
    for (const words of ['Consigner une rencontre', 'Trouver l’élu ou l’élue', 'Ce qui a été demandé', 'Position après la rencontre',
      'En parlera au caucus', 'Écrira au ministre', 'Bureau de circonscription', 'Enregistrer la rencontre', 'Ajouter une ligne de suivi']) {
      expect(page.text).toContain(words);
    }
    const res = await postForm(agent, '/meetings/new', { ...fields, official_id: String(mp.id), held_on: '2999-01-01' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Une rencontre tenue ne peut pas être dans le futur. Choisissez « Prévue » pour une rencontre à venir.');
    await switchLanguage(agent, 'en');
  });
});
