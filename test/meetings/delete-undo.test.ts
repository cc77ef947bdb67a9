import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser } from '../helpers/factories';
import { meetingBy } from '../helpers/meetings.factories';
import { Agent, csrfFrom, postForm, signIn } from '../helpers/session';
import type { SessionUser } from '../../src/shared/types';

/*
 * Deleting a meeting asks first, and can be undone: by the member who deleted it for ten minutes,
 * by a coordinator at any time. Nobody else.
 */
let t: TestApp;
let author: SessionUser;
let colleague: SessionUser;
let coordinator: SessionUser;
let mp: Awaited<ReturnType<typeof createOfficial>>;
const agents: Record<string, Agent> = {};

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db);
  author = await createUser(t.db, 'member', { local_id: local.id, name: 'Ava Author' });
  colleague = await createUser(t.db, 'member', { local_id: local.id, name: 'Cole Colleague' });
  coordinator = await createUser(t.db, 'coordinator', { name: 'Coco Coordinator' });
  mp = await createOfficial(t.db, { first_name: 'Brenda', last_name: 'Shanahan', constituency: 'Châteauguay—Lacolle' });
  for (const [key, u] of Object.entries({ author, colleague, coordinator })) agents[key] = await signIn(t.app, u.email);
});
afterAll(async () => { await t.close(); });

/** Logged by the author, held on 2026-03-04, with two follow-ups of which one is done. */
async function newMeeting() {
  const m = await meetingBy(t.db, author, { official_id: mp.id, held_on: '2026-03-04', status: 'held',
    follow_ups: [{ description: 'Send the brief', due_on: null, assignee_id: null }, { description: 'Thank her', due_on: null, assignee_id: null }] });
  await t.db('follow_ups').where({ meeting_id: m.id, description: 'Thank her' }).update({ done_at: t.db.fn.now() });
  return m;
}

const row = (id: number) => t.db('meetings').where({ id }).first();
const deleteIt = (agent: Agent, id: number) => postForm(agent, `/meetings/${id}/delete`, {}, `/meetings/${id}/delete`);
const restore = (agent: Agent, id: number, page = '/account') => postForm(agent, `/meetings/${id}/restore`, {}, page);

test("the meeting's page links to a page that says what deleting would remove, with Delete and Keep it", async () => {
  const m = await newMeeting();
  const show = await agents.author.get(`/meetings/${m.id}`).expect(200);
  expect(show.text).toContain(`href="/meetings/${m.id}/delete"`);
  expect(show.text).not.toContain(`action="/meetings/${m.id}/delete"`);
  const page = await agents.author.get(`/meetings/${m.id}/delete`).expect(200);
  expect(page.text).toContain('Delete this meeting?');
  expect(page.text).toContain('Brenda Shanahan');
  expect(page.text).toContain('Châteauguay—Lacolle');
  expect(page.text).toContain('March 4, 2026');
  expect(page.text).toContain('Held');
  expect(page.text).toContain('2 follow-ups (1 still open)');
  expect(page.text).toMatch(new RegExp(`<form method="post" action="/meetings/${m.id}/delete"[\\s\\S]*>Delete</button>`));
  expect(page.text).toMatch(new RegExp(`<a href="/meetings/${m.id}"[^>]*>Keep it</a>`));
  expect((await row(m.id)).deleted_at).toBeNull();
});

test('the confirmation page is refused to a member who may not delete the meeting', async () => {
  const m = await newMeeting();
  await agents.colleague.get(`/meetings/${m.id}/delete`).expect(404);
});

test('the author deletes, sees "Undo" in the message, and undoes it: the meeting and its follow-ups are back', async () => {
  const m = await newMeeting();
  const res = await deleteIt(agents.author, m.id);
  expect(res.status).toBe(303);
  const deleted = await row(m.id);
  expect(deleted.deleted_at).not.toBeNull();
  expect(deleted.deleted_by).toBe(author.id);
  expect(await t.db('follow_ups').where({ meeting_id: m.id }).pluck('description')).toHaveLength(2);
  const list = await agents.author.get(res.headers.location).expect(200);
  expect(list.text).toContain('The meeting was deleted. You can undo this for 10 minutes');
  expect(list.text).toMatch(new RegExp(`<form method="post" action="/meetings/${m.id}/restore"[\\s\\S]*?>Undo</button>`));
  const undo = await agents.author.post(`/meetings/${m.id}/restore`).type('form').send({ _csrf: csrfFrom(list.text) });
  expect(undo.status).toBe(303);
  expect(undo.headers.location).toBe(`/meetings/${m.id}`);
  expect((await row(m.id)).deleted_at).toBeNull();
  const back = await agents.author.get(`/meetings/${m.id}`).expect(200);
  expect(back.text).toContain('The meeting was restored.');
  expect(back.text).toContain('Send the brief');
});

test('ten minutes after deleting it, the author may no longer undo it', async () => {
  const m = await newMeeting();
  await deleteIt(agents.author, m.id);
  await t.db('meetings').where({ id: m.id }).update({ deleted_at: t.db.raw("now() - interval '10 minutes 1 second'") });
  expect((await restore(agents.author, m.id)).status).toBe(404);
  expect((await row(m.id)).deleted_at).not.toBeNull();
});

test('another member of the local may not restore it, even at once', async () => {
  const m = await newMeeting();
  await deleteIt(agents.author, m.id);
  expect((await restore(agents.colleague, m.id)).status).toBe(404);
  expect((await row(m.id)).deleted_at).not.toBeNull();
});

test('a coordinator restores it long after', async () => {
  const m = await newMeeting();
  await deleteIt(agents.author, m.id);
  await t.db('meetings').where({ id: m.id }).update({ deleted_at: t.db.raw("now() - interval '3 days'") });
  expect((await restore(agents.coordinator, m.id, `/meetings/${m.id}`)).status).toBe(303);
  expect((await row(m.id)).deleted_at).toBeNull();
});

test('a coordinator who deletes stays on its page, with Undo and the restore button', async () => {
  const m = await newMeeting();
  const res = await deleteIt(agents.coordinator, m.id);
  expect(res.headers.location).toBe(`/meetings/${m.id}`);
  const page = await agents.coordinator.get(`/meetings/${m.id}`).expect(200);
  expect(page.text).toContain('You can restore it from this page at any time.');
  expect(page.text).toContain('>Undo</button>');
  expect(page.text).toContain('Restore the meeting');
});
