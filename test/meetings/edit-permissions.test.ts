import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser } from '../helpers/factories';
import { meetingBy } from '../helpers/meetings.factories';
import { Agent, csrfFrom, postForm, signIn } from '../helpers/session';
import type { SessionUser } from '../../src/shared/types';

let t: TestApp;
let logger: SessionUser;
let attendee: SessionUser;
let sameLocal: SessionUser;
let otherLocal: SessionUser;
let coordinator: SessionUser;
let mp: Awaited<ReturnType<typeof createOfficial>>;
const agents: Record<string, Agent> = {};

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db);
  const elsewhere = await createLocal(t.db);
  logger = await createUser(t.db, 'member', { local_id: local.id, name: 'Lou Logger' });
  attendee = await createUser(t.db, 'member', { local_id: elsewhere.id, name: 'Ada Attendee' });
  sameLocal = await createUser(t.db, 'member', { local_id: local.id });
  otherLocal = await createUser(t.db, 'member', { local_id: elsewhere.id });
  coordinator = await createUser(t.db, 'coordinator', { name: 'Coco Coordinator' });
  mp = await createOfficial(t.db, { first_name: 'Brenda', last_name: 'Shanahan' });
  for (const [key, u] of Object.entries({ logger, attendee, sameLocal, otherLocal, coordinator })) agents[key] = await signIn(t.app, u.email);
});
afterAll(async () => { await t.close(); });

/** Logged by Lou, with Ada of another local among the attendees (as a coordinator may record her: Lou may not pick her). */
async function newMeeting() {
  const m = await meetingBy(t.db, logger, { official_id: mp.id, held_on: '2026-03-01', stance: 'undecided', notes: 'First notes' });
  await t.db('meeting_attendees').insert({ meeting_id: m.id, user_id: attendee.id });
  return m;
}

async function editForm(agent: Agent, id: number) {
  const page = await agent.get(`/meetings/${id}/edit`).expect(200);
  const version = page.text.match(/name="version" value="(\d+)"/)![1];
  return { token: csrfFrom(page.text), version };
}

const fields = (over: Record<string, string> = {}) => ({ official_id: String(mp.id), status: 'held', held_on: '2026-03-01', stance: 'undecided',
  notes: 'First notes', attendee_ids: [String(attendee.id)], ...over });

describe('who sees and edits a meeting', () => {
  test('same local sees it but may not edit; the logger and an attendee from another local edit; another local gets 404', async () => {
    const m = await newMeeting();
    await agents.sameLocal.get(`/meetings/${m.id}`).expect(200);
    await agents.sameLocal.get(`/meetings/${m.id}/edit`).expect(404);
    const seen = await agents.sameLocal.get(`/meetings/${m.id}`);
    expect(seen.text).not.toContain('Edit the meeting');
    await agents.logger.get(`/meetings/${m.id}/edit`).expect(200);
    await agents.attendee.get(`/meetings/${m.id}/edit`).expect(200);
    await agents.otherLocal.get(`/meetings/${m.id}`).expect(404);
    await agents.otherLocal.get(`/meetings/${m.id}/edit`).expect(404);
    const token = csrfFrom((await agents.otherLocal.get('/meetings')).text);
    await agents.otherLocal.post(`/meetings/${m.id}/edit`).type('form').send({ _csrf: token, ...fields(), version: '1' }).expect(404);
    await agents.otherLocal.post(`/meetings/${m.id}/delete`).type('form').send({ _csrf: token }).expect(404);
    await agents.otherLocal.get('/meetings/999999').expect(404);
    await agents.otherLocal.get('/meetings/abc').expect(404);
    expect((await agents.otherLocal.get('/meetings')).text).not.toContain('Shanahan');
    expect((await agents.coordinator.get('/meetings')).text).toContain('Shanahan');
  });

  test('an edit is saved, confirmed, and recorded in the history with the user and the changed fields', async () => {
    const m = await newMeeting();
    const { token, version } = await editForm(agents.attendee, m.id);
    const res = await agents.attendee.post(`/meetings/${m.id}/edit`).type('form')
      .send({ _csrf: token, ...fields({ stance: 'champion', notes: 'Better notes' }), version });
    expect(res.status).toBe(303);
    const page = await agents.attendee.get(`/meetings/${m.id}`).expect(200);
    expect(page.text).toContain('Changes saved: the meeting with Brenda');
    expect(page.text).toContain('Changed by Ada Attendee');
    expect(page.text).toMatch(/Stance after the meeting: Undecided → Champion/);
    expect(page.text).toContain('Logged by Lou Logger');
    const event = await t.db('audit_events').where({ entity: 'meeting', entity_id: m.id, action: 'update' }).first();
    expect(event.user_id).toBe(attendee.id);
    expect(Object.keys(event.changes).sort()).toEqual(['notes', 'stance']);
    expect(await t.db('meetings').where({ id: m.id }).first()).toMatchObject({ stance: 'champion', notes: 'Better notes', version: 2 });
  });

  test('two people edit at once: the second save is refused with their text kept and what changed shown', async () => {
    const m = await newMeeting();
    const first = await editForm(agents.logger, m.id);
    const second = await editForm(agents.coordinator, m.id);
    await agents.logger.post(`/meetings/${m.id}/edit`).type('form')
      .send({ _csrf: first.token, ...fields({ stance: 'supportive', notes: 'Logger notes' }), attendee_ids: [String(sameLocal.id)], version: first.version }).expect(303);
    const res = await agents.coordinator.post(`/meetings/${m.id}/edit`).type('form')
      .send({ _csrf: second.token, ...fields({ stance: 'opposed', notes: 'Coordinator notes' }), version: second.version });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Someone else saved this meeting while you were editing it');
    expect(res.text).toContain('Coordinator notes'); // their own text, still in the form
    expect(res.text).toMatch(/<th scope="row">Stance after the meeting<\/th><td class="prewrap">Supportive<\/td><td class="prewrap">Opposed<\/td>/);
    expect(res.text).toMatch(/<th scope="row">Notes<\/th><td class="prewrap">Logger notes<\/td><td class="prewrap">Coordinator notes<\/td>/);
    expect(res.text).toMatch(new RegExp(`<th scope="row">Members who attended</th><td class="prewrap">${sameLocal.name}</td><td class="prewrap">Ada Attendee</td>`));
    expect(res.text).not.toMatch(/<th scope="row">Official<\/th>/); // unchanged fields are not listed
    expect(res.text).toContain('name="version" value="2"');
    expect(await t.db('meetings').where({ id: m.id }).first()).toMatchObject({ stance: 'supportive', notes: 'Logger notes', version: 2 });
    // Having seen the differences, saving again keeps theirs.
    const again = await agents.coordinator.post(`/meetings/${m.id}/edit`).type('form')
      .send({ _csrf: second.token, ...fields({ stance: 'opposed', notes: 'Coordinator notes' }), version: '2' });
    expect(again.status).toBe(303);
    expect(await t.db('meetings').where({ id: m.id }).first()).toMatchObject({ stance: 'opposed', version: 3 });
  });

  test('an invalid edit is refused with 422, the input kept, and nothing changed', async () => {
    const m = await newMeeting();
    const { token, version } = await editForm(agents.logger, m.id);
    const res = await agents.logger.post(`/meetings/${m.id}/edit`).type('form')
      .send({ _csrf: token, ...fields({ held_on: '2999-01-01', notes: 'Typed while editing' }), version });
    expect(res.status).toBe(422);
    expect(res.text).toContain('A held meeting cannot be in the future.');
    expect(res.text).toContain('Typed while editing');
    expect(await t.db('meetings').where({ id: m.id }).first()).toMatchObject({ notes: 'First notes', version: 1 });
  });

  test('soft delete by the logger hides it; a coordinator finds it, restores it, and both are audited', async () => {
    const m = await newMeeting();
    const del = await postForm(agents.logger, `/meetings/${m.id}/delete`, {}, `/meetings/${m.id}`);
    expect(del.status).toBe(303);
    expect((await agents.logger.get('/meetings')).text).toContain('after that, a coordinator can restore it');
    await agents.logger.get(`/meetings/${m.id}`).expect(404);
    await agents.sameLocal.get(`/meetings/${m.id}`).expect(404);
    expect(await t.db('meetings').where({ id: m.id }).first()).toMatchObject({ deleted_by: logger.id });

    // Another member cannot restore it (delete-undo.test.ts: the logger's ten minutes); a coordinator sees it among the deleted ones and can.
    const token = csrfFrom((await agents.sameLocal.get('/meetings')).text);
    await agents.sameLocal.post(`/meetings/${m.id}/restore`).type('form').send({ _csrf: token }).expect(404);
    const deletedList = await agents.coordinator.get('/meetings?deleted=1').expect(200);
    expect(deletedList.text).toContain(`/meetings/${m.id}"`);
    const page = await agents.coordinator.get(`/meetings/${m.id}`).expect(200);
    expect(page.text).toContain('This meeting was deleted');
    const res = await postForm(agents.coordinator, `/meetings/${m.id}/restore`, {}, `/meetings/${m.id}`);
    expect(res.status).toBe(303);
    await agents.sameLocal.get(`/meetings/${m.id}`).expect(200);
    const history = (await agents.coordinator.get(`/meetings/${m.id}`)).text;
    expect(history).toContain('Deleted by Lou Logger');
    expect(history).toContain('Restored by Coco Coordinator');
    const actions = await t.db('audit_events').where({ entity: 'meeting', entity_id: m.id }).orderBy('id').pluck('action');
    expect(actions).toEqual(['create', 'delete', 'restore']);
  });
});
