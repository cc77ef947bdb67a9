import { startTestApp, TestApp } from '../helpers/app';
import { followUpWorld, FollowUpWorld } from '../helpers/follow-ups.factories';
import { Agent, csrfFrom, signIn, switchLanguage } from '../helpers/session';

/**
 * Bulk actions on /follow-ups: a coordinator ticks rows, then marks them done or hands them to one
 * person. Only ids the policy lets them change and a person it lets them pick go through, all or
 * nothing; a refusal shows the same list with the rows still ticked and says why.
 */
let t: TestApp;
let w: FollowUpWorld;
let coordinator: Agent;

beforeAll(async () => {
  t = await startTestApp();
  w = await followUpWorld(t.db);
  coordinator = await signIn(t.app, w.people.coordinator.email);
});
afterAll(async () => { await t.close(); });

/** Posts the bulk form as the list page at `from` would send it (its CSRF token and hidden fields, the rows ticked). */
async function bulk(agent: Agent, fields: Record<string, unknown>, from = '/follow-ups') {
  const page = (await agent.get(from)).text;
  const hidden = Object.fromEntries([...page.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)]
    .filter((m) => m[1] !== '_csrf' && m[1] !== 'return_to').map((m) => [m[1], m[2]]));
  return agent.post('/follow-ups/bulk').type('form').send({ _csrf: csrfFrom(page), ...hidden, ...fields });
}

const rowsOf = (names: string[]) => t.db('follow_ups').whereIn('id', names.map((n) => w.ids[n])).orderBy('id').select('id', 'assignee_id', 'done_at', 'done_by');
const ids = (...names: string[]) => names.map((n) => String(w.ids[n]));
const auditCount = async () => Number((await t.db('audit_events').where({ entity: 'follow_up' }).count('* as n').first())!.n);

describe('a coordinator acting on the rows they tick', () => {
  test('the page offers a checkbox per open row, tied to the bulk form, which works without a script', async () => {
    const page = (await coordinator.get('/follow-ups').expect(200)).text;
    expect(page).toContain('<form id="bulk-form" method="post" action="/follow-ups/bulk"');
    expect(page).toContain(`name="ids" value="${w.ids['Beta overdue']}" form="bulk-form"`);
    expect(page).toMatch(/<button type="submit" name="action" value="done" id="field-action">Mark done<\/button>/);
  });

  test('reassign: every ticked row goes to the person chosen, each audited as a single reassignment is', async () => {
    const res = await bulk(coordinator, { ids: ids('Alpha later', 'Beta undated'), action: 'reassign', assignee_id: String(w.people.bea.id) },
      `/follow-ups?local=${w.localB.id}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/follow-ups?local=${w.localB.id}`);
    expect((await rowsOf(['Alpha later', 'Beta undated'])).map((r) => r.assignee_id)).toEqual([w.people.bea.id, w.people.bea.id]);
    expect((await coordinator.get(res.headers.location)).text).toContain('Reassigned 2 follow-ups.');
    const audit = await t.db('audit_events').where({ entity: 'follow_up', entity_id: w.ids['Beta undated'] }).first();
    expect(audit).toMatchObject({ action: 'reassign', user_id: w.people.coordinator.id });
    expect(audit.changes).toMatchObject({ meeting_id: w.meetings.b.id, assignee_id: { from: w.people.al.id, to: w.people.bea.id } });
  });

  test('mark done: the ticked rows are done by the coordinator, each audited', async () => {
    const res = await bulk(coordinator, { ids: ids('Alpha overdue', 'Beta overdue'), action: 'done' }, '/follow-ups?overdue=1');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/follow-ups?overdue=1');
    const rows = await rowsOf(['Alpha overdue', 'Beta overdue']);
    expect(rows.every((r) => r.done_at && r.done_by === w.people.coordinator.id)).toBe(true);
    expect((await coordinator.get('/follow-ups?state=done')).text).toContain('Alpha overdue');
    const actions = await t.db('audit_events').where({ entity: 'follow_up' }).whereIn('entity_id', ids('Alpha overdue', 'Beta overdue').map(Number)).pluck('action');
    expect(actions).toEqual(['done', 'done']);
    // Already done: nothing to change, and nothing audited.
    await t.db('follow_ups').where({ id: w.ids['Alpha overdue'] }).update({ done_at: null, done_by: null });
    const again = await bulk(coordinator, { ids: ids('Beta overdue'), action: 'done' });
    expect((await coordinator.get(again.headers.location)).text).toContain('Nothing changed');
  });
});

describe('a bulk action the policy does not allow changes nothing', () => {
  let before: unknown;
  let audits: number;
  beforeEach(async () => {
    before = await rowsOf(Object.keys(w.ids));
    audits = await auditCount();
  });
  afterEach(async () => {
    expect(await rowsOf(Object.keys(w.ids))).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  test.each([
    ["a follow-up of a deleted meeting", () => ids('Alpha later', 'On a deleted meeting'), 'cannot be changed'],
    ['an id that does not exist', () => [...ids('Alpha later'), '999999'], 'cannot be changed'],
    ['an id that is not a number', () => [...ids('Alpha later'), '1 OR 1=1'], 'cannot be changed'],
    ['nothing ticked', () => [], 'Select at least one follow-up'],
    ['more than a hundred', () => Array.from({ length: 101 }, (_, i) => String(i + 1)), 'at most 100'],
  ])('refused (422), with the rows still ticked: %s', async (_label, selection, message) => {
    const res = await bulk(coordinator, { ids: selection(), action: 'done' });
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    if (selection().length === 2) expect(res.text).toContain(`value="${w.ids['Alpha later']}" form="bulk-form" checked`);
  });

  test.each([
    ['a deactivated member', () => String(w.people.gone.id)],
    ['someone who does not exist', () => '999999'],
  ])('reassigning to %s is refused (422) with the rows still ticked', async (_label, assignee) => {
    const res = await bulk(coordinator, { ids: ids('Alpha later', 'Beta undated'), action: 'reassign', assignee_id: assignee() });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choose the person from the list.');
    expect(res.text).toContain(`value="${w.ids['Beta undated']}" form="bulk-form" checked`);
  });

  test('reassigning without choosing whom, or pressing no button, is refused', async () => {
    expect((await bulk(coordinator, { ids: ids('Alpha later'), action: 'reassign' })).text).toContain('Choose whom to reassign');
    expect((await bulk(coordinator, { ids: ids('Alpha later') })).status).toBe(422);
  });

  test("a member may not act in bulk, even on their own local's follow-ups (403)", async () => {
    const amy = await signIn(t.app, w.people.amy.email);
    const page = (await amy.get('/follow-ups')).text;
    const res = await amy.post('/follow-ups/bulk').type('form').send({ _csrf: csrfFrom(page), ids: ids('Alpha later'), action: 'done' });
    expect(res.status).toBe(403);
  });

  test('without the form’s CSRF token nothing is done (403)', async () => {
    const res = await coordinator.post('/follow-ups/bulk').type('form').send({ ids: ids('Alpha later'), action: 'done' });
    expect(res.status).toBe(403);
  });

  test('in French, the refusal says why in French', async () => {
    const fr = await signIn(t.app, w.people.coordinator.email);
    await switchLanguage(fr, 'fr');
    const res = await bulk(fr, { ids: ids('On a deleted meeting'), action: 'done' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Certains des suivis cochés ne peuvent pas être modifiés');
  });
});

test('in French, a bulk action that went through says so in French', async () => {
  const fr = await signIn(t.app, w.people.coordinator.email);
  await switchLanguage(fr, 'fr');
  const res = await bulk(fr, { ids: ids('Alpha later'), action: 'reassign', assignee_id: 'none' });
  expect(res.status).toBe(303);
  expect((await fr.get(res.headers.location)).text).toContain('1 suivi n’est plus attribué à personne.');
  expect(await t.db('follow_ups').where({ id: w.ids['Alpha later'] }).first()).toMatchObject({ assignee_id: null });
});
