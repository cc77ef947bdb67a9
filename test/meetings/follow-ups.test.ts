import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser } from '../helpers/factories';
import { meetingBy } from '../helpers/meetings.factories';
import { Agent, postForm, signIn } from '../helpers/session';
import type { SessionUser } from '../../src/shared/types';

let t: TestApp;
let mona: SessionUser;
let carl: SessionUser;
let stranger: SessionUser;
let member: Agent;
let strangerAgent: Agent;
let ids: Record<string, number>;

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db);
  const elsewhere = await createLocal(t.db);
  mona = await createUser(t.db, 'member', { local_id: local.id, name: 'Mona Member' });
  carl = await createUser(t.db, 'member', { local_id: local.id, name: 'Carl Colleague' });
  stranger = await createUser(t.db, 'member', { local_id: elsewhere.id, name: 'Sam Stranger' });
  const mp = await createOfficial(t.db, { first_name: 'Brenda', last_name: 'Shanahan' });
  const other = await createOfficial(t.db, { first_name: 'Otto', last_name: 'Elsewhere' });
  await meetingBy(t.db, carl, { official_id: mp.id, held_on: '2026-01-10', follow_ups: [
    { description: 'Due later', due_on: '2999-01-01', assignee_id: carl.id },
    { description: 'Long overdue', due_on: '2020-01-01', assignee_id: null },
    { description: 'No date at all', due_on: null, assignee_id: mona.id },
  ] });
  const theirs = await meetingBy(t.db, stranger, { official_id: other.id, held_on: '2026-01-11', follow_ups: [
    { description: 'Theirs alone', due_on: null, assignee_id: stranger.id },
  ] });
  // Sam may not hand work to another local's member; a coordinator may, as this row stands for.
  await t.db('follow_ups').insert({ meeting_id: theirs.id, description: 'Theirs, assigned to Mona', due_on: '2021-05-05', assignee_id: mona.id });
  const rows = await t.db('follow_ups').select('id', 'description');
  ids = Object.fromEntries(rows.map((r) => [r.description, r.id]));
  member = await signIn(t.app, mona.email);
  strangerAgent = await signIn(t.app, stranger.email);
});
afterAll(async () => { await t.close(); });

describe('/follow-ups', () => {
  test("lists mine and my local's, overdue first, and not other locals' unless assigned to me", async () => {
    const page = await member.get('/follow-ups').expect(200);
    const order = ['Long overdue', 'Theirs, assigned to Mona', 'Due later', 'No date at all'].map((d) => page.text.indexOf(d));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page.text).not.toContain('Theirs alone');
    expect((page.text.match(/Overdue<\/strong>/g) ?? []).length).toBe(2);
  });

  test('mark done with one click, then reopen; each is audited', async () => {
    const res = await postForm(member, `/follow-ups/${ids['Long overdue']}/done`, {}, '/follow-ups');
    expect(res.status).toBe(303);
    const open = await member.get('/follow-ups');
    expect(open.text).toContain('Marked done: Long overdue');
    expect(open.text).not.toContain('>Long overdue<');
    expect((await member.get('/follow-ups?state=done')).text).toContain('Long overdue');
    expect(await t.db('follow_ups').where({ id: ids['Long overdue'] }).first()).toMatchObject({ done_by: mona.id });

    expect((await postForm(member, `/follow-ups/${ids['Long overdue']}/reopen`, { return_to: '/follow-ups?state=done' }, '/follow-ups?state=done')).status).toBe(303);
    expect(await t.db('follow_ups').where({ id: ids['Long overdue'] }).first()).toMatchObject({ done_at: null, done_by: null });
    const actions = await t.db('audit_events').where({ entity: 'follow_up', entity_id: ids['Long overdue'] }).orderBy('id').pluck('action');
    expect(actions).toEqual(['done', 'reopen']);
    const meetingId = (await t.db('follow_ups').where({ id: ids['Long overdue'] }).first()).meeting_id;
    const history = (await member.get(`/meetings/${meetingId}`)).text;
    expect(history).toContain('Mona Member marked “Long overdue” done');
    expect(history).toContain('Mona Member reopened “Long overdue”');
  });

  test('reassign to a colleague; an unknown person is refused', async () => {
    expect((await postForm(member, `/follow-ups/${ids['Due later']}/assign`, { assignee_id: String(mona.id) }, '/follow-ups')).status).toBe(303);
    expect(await t.db('follow_ups').where({ id: ids['Due later'] }).first()).toMatchObject({ assignee_id: mona.id });
    expect((await postForm(member, `/follow-ups/${ids['Due later']}/assign`, { assignee_id: '999999' }, '/follow-ups')).status).toBe(303);
    expect((await member.get('/follow-ups')).text).toContain('Choose the person from the list.');
    expect(await t.db('follow_ups').where({ id: ids['Due later'] }).first()).toMatchObject({ assignee_id: mona.id });
  });

  test("another local's follow-up answers 404 to a member who may not see it", async () => {
    expect((await postForm(strangerAgent, `/follow-ups/${ids['Due later']}/done`, {}, '/follow-ups')).status).toBe(404);
    expect((await postForm(member, `/follow-ups/${ids['Theirs alone']}/done`, {}, '/follow-ups')).status).toBe(404);
    // Assigned to Mona on another local's meeting: she may act on it.
    expect((await postForm(member, `/follow-ups/${ids['Theirs, assigned to Mona']}/done`, {}, '/follow-ups')).status).toBe(303);
  });

  test("a follow-up added from the meeting's page shows there with its state", async () => {
    const meetingId = (await t.db('follow_ups').where({ id: ids['Due later'] }).first()).meeting_id;
    const carlAgent = await signIn(t.app, carl.email);
    const res = await postForm(carlAgent, `/meetings/${meetingId}/follow-ups`, { description: 'Thank-you letter', due_on: '2030-01-01', assignee_id: String(carl.id) }, `/meetings/${meetingId}`);
    expect(res.status).toBe(303);
    const page = await carlAgent.get(`/meetings/${meetingId}`);
    expect(page.text).toContain('Follow-up added: Thank-you letter');
    expect(page.text).toMatch(/Thank-you letter<\/td>/);
    const bad = await postForm(carlAgent, `/meetings/${meetingId}/follow-ups`, { description: '', due_on: '2030-01-01' }, `/meetings/${meetingId}`);
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/id="field-description-error" class="field-error">Say what needs doing for this follow-up/);
    expect(bad.text).toContain('value="2030-01-01"');
    const unknown = await postForm(carlAgent, `/meetings/${meetingId}/follow-ups`, { description: 'Kept text', assignee_id: '999999' }, `/meetings/${meetingId}`);
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('value="Kept text"');
    expect(unknown.text).toContain('Choose the person from the list.');
    // Mona (same local, neither logged nor attended) may not add to it.
    expect((await postForm(member, `/meetings/${meetingId}/follow-ups`, { description: 'Sneaky' }, `/meetings/${meetingId}`)).status).toBe(404);
  });
});
