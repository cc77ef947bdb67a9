import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { confirm } from '../helpers/officials.factories';
import { Agent, csrfFrom, postForm, signIn } from '../helpers/session';

/*
 * A fresh install: after the first-run setup, the home page lists the steps to a tracker members can
 * use, ticks each (in words) once it is done, shows a coordinator only theirs, and goes away when
 * they are all done.
 */
let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await startTestApp();
  admin = request.agent(t.app);
  expect((await postForm(admin, '/setup', { name: 'Ada Admin', email: 'ada@example.org', password: 'a long enough passphrase' })).status).toBe(303);
});
afterAll(async () => { await t.close(); });

const visible = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ');
const home = async (agent: Agent) => visible((await agent.get('/').expect(200)).text);
const STEPS = ['Add the locals', 'Import the officials', 'Create a campaign', 'Add people'];
const state = (page: string, step: string) => page.match(new RegExp(`${step} (?:✓ )?(Done|To do)`))?.[1];
const states = async (agent: Agent) => { const page = await home(agent); return STEPS.map((s) => state(page, s)); };

test('after setup, the administrator sees the four steps, none done, with the bundled list in one click and where to get today\'s', async () => {
  const html = (await admin.get('/').expect(200)).text;
  const page = visible(html);
  expect(page).toContain('Get started');
  expect(page).toContain('0 of 4 steps done.');
  expect(STEPS.map((s) => state(page, s))).toEqual(['To do', 'To do', 'To do', 'To do']);
  expect(page).toContain('the 343 members of the House of Commons of the 45th Parliament (autumn 2025)');
  expect(html).toMatch(/<form method="post" action="\/officials\/imports\/bundled">[\s\S]*?Import the bundled list<\/button>/);
  expect(html).toContain('href="https://www.ourcommons.ca/Members/en/search"');
  expect(page).toContain('choose “Export as CSV”');
  expect(html).toContain('href="/admin/locals/new"');
  expect(html).toContain('href="/campaigns/new"');
});

test('adding a local ticks the first step', async () => {
  expect((await postForm(admin, '/admin/locals/new', { name: 'Local 79', union_name: 'CUPE', province: 'ON' })).status).toBe(303);
  const page = await home(admin);
  expect(STEPS.map((s) => state(page, s))).toEqual(['Done', 'To do', 'To do', 'To do']);
  expect(page).toContain('1 of 4 steps done.');
});

test('adding a person ticks the last step; that coordinator sees only the steps they may do', async () => {
  const local = await t.db('locals').first('id');
  expect((await postForm(admin, '/admin/users/new', { name: 'Coco Coordinator', email: 'coco@example.org', password: 'another long passphrase',
    role: 'coordinator', local_id: String(local.id) })).status).toBe(303);
  expect(await states(admin)).toEqual(['Done', 'To do', 'To do', 'Done']);
  const coordinator = await signIn(t.app, 'coco@example.org', 'another long passphrase');
  const page = await home(coordinator);
  expect(page).toContain('0 of 2 steps done.');
  expect(STEPS.map((s) => state(page, s))).toEqual([undefined, 'To do', 'To do', undefined]);
  // A member does none of them: no list.
  await postForm(admin, '/admin/users/new', { name: 'Mona Member', email: 'mona@example.org', password: 'a third long passphrase',
    role: 'member', local_id: String(local.id) });
  expect(await home(await signIn(t.app, 'mona@example.org', 'a third long passphrase'))).not.toContain('Get started');
});

test('importing the bundled list ticks the officials; creating a campaign the last; then the list is gone', async () => {
  const coordinator = await signIn(t.app, 'coco@example.org', 'another long passphrase');
  const res = await coordinator.post('/officials/imports/bundled').type('form').send({ _csrf: csrfFrom((await coordinator.get('/')).text) });
  expect(res.status).toBe(303);
  expect(state(await home(coordinator), 'Import the officials')).toBe('To do'); // a preview writes nothing yet
  expect((await confirm(coordinator, Number(res.headers.location.split('/').pop()))).status).toBe(303);
  expect(await states(admin)).toEqual(['Done', 'Done', 'To do', 'Done']);

  expect((await postForm(coordinator, '/campaigns/new', { name: 'Fund community services', ask: 'Targeted, stable funding', active: 'on' })).status).toBe(303);
  for (const agent of [admin, coordinator]) {
    const page = await home(agent);
    expect(page).not.toContain('Get started');
    expect(page).toContain('Find your MP');
  }
});
