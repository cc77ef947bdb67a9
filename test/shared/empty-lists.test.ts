import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createUser } from '../helpers/factories';
import { Agent, signIn } from '../helpers/session';

/* An empty list says why it is empty and what to do next, with a link to do it. */
let t: TestApp;
let member: Agent;
let coordinator: Agent;

/** The empty list's message and its next step (address and label), as the page shows them. */
const emptyState = (html: string) => {
  const m = html.match(/<div class="empty-state" role="status">\s*<p>([^<]*)<\/p>\s*(?:<p><a href="([^"]*)" role="button" class="secondary">([^<]*)<\/a><\/p>)?/);
  return m ? { message: m[1], href: m[2]?.replace(/&amp;/g, '&'), label: m[3] } : undefined;
};

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db);
  member = await signIn(t.app, (await createUser(t.db, 'member', { local_id: local.id })).email);
  coordinator = await signIn(t.app, (await createUser(t.db, 'coordinator')).email);
});
afterAll(async () => { await t.close(); });

test('no meeting yet: log the first one; none for these filters: clear them', async () => {
  expect(emptyState((await member.get('/meetings').expect(200)).text)).toEqual({
    message: 'No meeting logged yet. Log the first one right after it happens, or a request you have sent.', href: '/meetings/new', label: 'Log a meeting' });
  expect(emptyState((await member.get('/meetings?status=held').expect(200)).text)).toEqual({
    message: 'No meeting matches these filters.', href: '/meetings', label: 'Remove every filter' });
});

test('no follow-up: they are added on a meeting; none for these filters: clear them', async () => {
  expect(emptyState((await member.get('/follow-ups').expect(200)).text)).toMatchObject({ href: '/meetings', label: 'Open the meetings' });
  expect(emptyState((await member.get('/follow-ups?overdue=1').expect(200)).text)).toMatchObject({ href: '/follow-ups', label: 'Remove every filter' });
});

test('an empty directory: a member asks a coordinator; a search that finds nobody can be cleared', async () => {
  expect(emptyState((await member.get('/officials').expect(200)).text)).toEqual({
    message: 'The directory is empty. A coordinator imports the list of officials; ask yours.', href: undefined, label: undefined });
  expect(emptyState((await coordinator.get('/officials?q=nobody').expect(200)).text)).toEqual({
    message: 'No official matches this search.', href: '/officials', label: 'Remove every filter' });
});
