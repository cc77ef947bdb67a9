import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser } from '../helpers/factories';
import { followUpFields, meetingBy } from '../helpers/meetings.factories';
import { Agent, csrfFrom, postForm, signIn } from '../helpers/session';
import type { SessionUser } from '../../src/shared/types';

/**
 * Whom a form lets one pick as an attendee or an assignee: a member only the active people of
 * their own local (only themself without a local), and anyone already on the record; coordinators
 * anyone active. Checked on the server, whatever ids a request carries.
 */
let t: TestApp;
let amy: SessionUser; let al: SessionUser; let gone: SessionUser; let boss: SessionUser; let bea: SessionUser;
let nora: SessionUser; let coco: SessionUser;
let mp: { id: number };
const agents: Record<string, Agent> = {};

beforeAll(async () => {
  t = await startTestApp();
  const a = await createLocal(t.db);
  const b = await createLocal(t.db);
  amy = await createUser(t.db, 'member', { local_id: a.id, name: 'Amy Alpha' });
  al = await createUser(t.db, 'member', { local_id: a.id, name: 'Al Alpha' });
  gone = await createUser(t.db, 'member', { local_id: a.id, name: 'Gone Alpha', active: false });
  boss = await createUser(t.db, 'admin', { local_id: null, name: 'Boss Admin' });
  bea = await createUser(t.db, 'member', { local_id: b.id, name: 'Bea Beta' });
  nora = await createUser(t.db, 'member', { local_id: null, name: 'Nora Nolocal' });
  coco = await createUser(t.db, 'coordinator', { local_id: a.id, name: 'Coco Coordinator' });
  mp = await createOfficial(t.db);
  for (const [key, u] of Object.entries({ amy, nora, coco })) agents[key] = await signIn(t.app, u.email);
});
afterAll(async () => { await t.close(); });

const meetingFields = (over: Record<string, unknown> = {}) => ({ official_id: String(mp.id), status: 'held', held_on: '2026-03-01', ...over });
const meetingCount = async () => Number((await t.db('meetings').count('* as n').first())!.n);

describe('the choices a form shows', () => {
  test("a member sees their own local's active people only; a member without a local sees only themself", async () => {
    const page = await agents.amy.get('/meetings/new').expect(200);
    for (const name of ['Amy Alpha', 'Al Alpha', 'Coco Coordinator']) expect(page.text).toContain(name);
    for (const name of ['Gone Alpha', 'Boss Admin', 'Bea Beta', 'Nora Nolocal']) expect(page.text).not.toContain(name);
    const alone = await agents.nora.get('/meetings/new').expect(200);
    expect(alone.text).toContain('Nora Nolocal');
    for (const name of ['Amy Alpha', 'Gone Alpha', 'Boss Admin', 'Bea Beta']) expect(alone.text).not.toContain(name);
    const followUps = await agents.nora.get('/follow-ups').expect(200);
    for (const name of ['Amy Alpha', 'Boss Admin', 'Bea Beta']) expect(followUps.text).not.toContain(name);
  });

  test('ids typed into a request do not reveal names: the form shown again lists only the allowed people', async () => {
    const res = await postForm(agents.nora, '/meetings/new', meetingFields({ find_official: '1',
      attendee_ids: [amy.id, gone.id, boss.id, bea.id].map(String), ...followUpFields([{ description: 'x', assignee_id: boss.id }]) }));
    expect(res.status).toBe(200);
    for (const name of ['Amy Alpha', 'Gone Alpha', 'Boss Admin', 'Bea Beta']) expect(res.text).not.toContain(name);
  });
});

describe('a member of local A cannot pick an admin, a deactivated member or a member of local B', () => {
  test.each([['an admin', () => boss], ['a deactivated member', () => gone], ['a member of local B', () => bea]])(
    'as an attendee or an assignee when logging a meeting: %s', async (_label, who) => {
      const before = await meetingCount();
      const attendee = await postForm(agents.amy, '/meetings/new', meetingFields({ attendee_ids: [String(amy.id), String(who().id)] }));
      expect(attendee.status).toBe(422);
      expect(attendee.text).toContain('Pick the members who attended from the list.');
      const assignee = await postForm(agents.amy, '/meetings/new', meetingFields({ ...followUpFields([{ description: 'Call back', assignee_id: who().id }]) }));
      expect(assignee.status).toBe(422);
      expect(assignee.text).toContain('Choose the person from the list.');
      expect(assignee.text).toContain('Call back');
      expect(await meetingCount()).toBe(before);
    });

  test('a member without a local can pick only themself', async () => {
    const refused = await postForm(agents.nora, '/meetings/new', meetingFields({ attendee_ids: [String(amy.id)] }));
    expect(refused.status).toBe(422);
    const saved = await postForm(agents.nora, '/meetings/new', meetingFields({ attendee_ids: [String(nora.id)], ...followUpFields([{ description: 'Mine', assignee_id: nora.id }]) }));
    expect(saved.status).toBe(303);
  });

  test('when editing: someone already on the record stays selectable; no one else from outside the local is', async () => {
    const m = await meetingBy(t.db, amy, { official_id: mp.id, held_on: '2026-03-02', attendee_ids: [amy.id] });
    // Bea (local B) and Gone (deactivated since) were recorded by a coordinator.
    await t.db('meeting_attendees').insert([{ meeting_id: m.id, user_id: bea.id }, { meeting_id: m.id, user_id: gone.id }]);
    const form = await agents.amy.get(`/meetings/${m.id}/edit`).expect(200);
    expect(form.text).toMatch(new RegExp(`value="${bea.id}" checked> Bea Beta`));
    expect(form.text).toMatch(new RegExp(`value="${gone.id}" checked> Gone Alpha`));
    expect(form.text).not.toContain('Boss Admin');
    const version = form.text.match(/name="version" value="(\d+)"/)![1];
    const keep = (ids: number[]) => agents.amy.post(`/meetings/${m.id}/edit`).type('form')
      .send({ _csrf: csrfFrom(form.text), ...meetingFields({ held_on: '2026-03-02', version, attendee_ids: ids.map(String) }) });

    const refused = await keep([amy.id, bea.id, boss.id]);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Pick the members who attended from the list.');
    expect((await t.db('meeting_attendees').where({ meeting_id: m.id }).pluck('user_id')).sort()).toEqual([amy.id, gone.id, bea.id].sort());

    expect((await keep([amy.id, bea.id, gone.id, al.id])).status).toBe(303);
    expect((await t.db('meeting_attendees').where({ meeting_id: m.id }).pluck('user_id')).sort()).toEqual([amy.id, al.id, gone.id, bea.id].sort());
  });
});

describe('reassigning a follow-up', () => {
  async function followUp() {
    const m = await meetingBy(t.db, amy, { official_id: mp.id, held_on: '2026-03-03', follow_ups: [{ description: 'Send the brief', due_on: null, assignee_id: amy.id }] });
    return { meetingId: m.id, id: (await t.db('follow_ups').where({ meeting_id: m.id }).first('id')).id as number };
  }
  const assignee = async (id: number) => (await t.db('follow_ups').where({ id }).first('assignee_id')).assignee_id;

  test('to an admin, a deactivated member or a member of local B: an error, and nothing changes', async () => {
    const f = await followUp();
    for (const who of [boss, gone, bea]) {
      const res = await postForm(agents.amy, `/follow-ups/${f.id}/assign`, { assignee_id: String(who.id) }, '/follow-ups');
      expect(res.status).toBe(303);
      expect((await agents.amy.get('/follow-ups')).text).toContain('Choose the person from the list.');
      expect(await assignee(f.id)).toBe(amy.id);
    }
    expect(Number((await t.db('audit_events').where({ entity: 'follow_up', entity_id: f.id, action: 'reassign' }).count('* as n').first())!.n)).toBe(0);
    await postForm(agents.amy, `/follow-ups/${f.id}/assign`, { assignee_id: String(al.id) }, '/follow-ups');
    expect(await assignee(f.id)).toBe(al.id);
  });

  test("added from the meeting's page, a follow-up for a member of local B is refused with 422", async () => {
    const f = await followUp();
    const res = await postForm(agents.amy, `/meetings/${f.meetingId}/follow-ups`, { description: 'Phone Bea', assignee_id: String(bea.id) }, `/meetings/${f.meetingId}`);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choose the person from the list.');
    expect(res.text).toContain('Phone Bea');
    expect(await t.db('follow_ups').where({ description: 'Phone Bea' }).first()).toBeUndefined();
  });
});

describe('coordinators', () => {
  test('pick people across locals as attendees and assignees, and reassign to them', async () => {
    const res = await postForm(agents.coco, '/meetings/new', meetingFields({ held_on: '2026-03-04', attendee_ids: [String(bea.id), String(al.id)],
      ...followUpFields([{ description: 'For Bea', assignee_id: bea.id }]) }));
    expect(res.status).toBe(303);
    const row = await t.db('follow_ups').where({ description: 'For Bea' }).first();
    expect(row.assignee_id).toBe(bea.id);
    await postForm(agents.coco, `/follow-ups/${row.id}/assign`, { assignee_id: String(nora.id) }, '/follow-ups');
    expect((await t.db('follow_ups').where({ id: row.id }).first()).assignee_id).toBe(nora.id);
    // A deactivated account is not a choice, even for a coordinator.
    await postForm(agents.coco, `/follow-ups/${row.id}/assign`, { assignee_id: String(gone.id) }, '/follow-ups');
    expect((await t.db('follow_ups').where({ id: row.id }).first()).assignee_id).toBe(nora.id);
  });
});

describe('how many one request may carry', () => {
  test('more than 50 attendees or 20 follow-ups: 422 with a plain message, in English and French, and nothing saved', async () => {
    const before = await meetingCount();
    const many = Array.from({ length: 51 }, (_, i) => String(1000 + i));
    const attendees = await postForm(agents.amy, '/meetings/new', meetingFields({ attendee_ids: many }));
    expect(attendees.status).toBe(422);
    expect(attendees.text).toContain('Pick at most 50 members who attended');
    const rows = Array.from({ length: 21 }, (_, i) => ({ description: `Step ${i + 1}` }));
    const followUps = await postForm(agents.amy, '/meetings/new', meetingFields(followUpFields(rows)));
    expect(followUps.status).toBe(422);
    expect(followUps.text).toContain('Add at most 20 follow-ups at once');
    expect(followUps.text).toContain('Step 20');

    const token = csrfFrom((await agents.amy.get('/meetings/new')).text);
    const fr = await agents.amy.post('/meetings/new').set('Accept-Language', 'fr').type('form')
      .send({ _csrf: token, ...meetingFields({ attendee_ids: many, ...followUpFields(rows) }) });
    expect(fr.status).toBe(422);
    expect(fr.text).toContain('Choisissez au plus 50 membres présents');
    expect(fr.text).toContain('Ajoutez au plus 20 suivis à la fois');
    expect(await meetingCount()).toBe(before);
  });
});
