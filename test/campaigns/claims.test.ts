import type { SessionUser } from '../../src/shared/types';
import { startTestApp, TestApp } from '../helpers/app';
import { addTargets } from '../helpers/dashboard.factories';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';
import { Agent, postForm, signIn } from '../helpers/session';

let t: TestApp;
let a: { id: number }, b: { id: number };
let coord: SessionUser, alice: SessionUser;
let agents: Record<'alice' | 'bob' | 'loner' | 'coord', Agent>;
let campaignId: number;
let mp: { id: number }, other: { id: number };

const claimOf = async (officialId: number) =>
  (await t.db('campaign_targets').where({ campaign_id: campaignId, official_id: officialId }).first()).claimed_by_local_id;
const post = (agent: Agent, officialId: number, action: 'claim' | 'unclaim', fields: Record<string, unknown> = {}) =>
  postForm(agent, `/campaigns/${campaignId}/targets/${officialId}/${action}`, { return_to: '/dashboard', ...fields }, '/dashboard');

beforeAll(async () => {
  t = await startTestApp();
  a = await createLocal(t.db, { name: 'Local A' });
  b = await createLocal(t.db, { name: 'Local B' });
  coord = await createUser(t.db, 'coordinator');
  alice = await createUser(t.db, 'member', { local_id: a.id });
  const bob = await createUser(t.db, 'member', { local_id: b.id });
  const loner = await createUser(t.db, 'member');
  agents = { alice: await signIn(t.app, alice.email), bob: await signIn(t.app, bob.email), loner: await signIn(t.app, loner.email), coord: await signIn(t.app, coord.email) };
  campaignId = (await createCampaign(t.db, { is_default: true, name: 'Funding push' })).id;
  mp = await createOfficial(t.db, { last_name: 'Claimable' });
  other = await createOfficial(t.db, { last_name: 'Untargeted' });
  await addTargets(t.db, campaignId, [mp.id]);
});
afterAll(async () => { await t.close(); });

test('a member claims a target for their own local; another local cannot take it or release it', async () => {
  let res = await post(agents.alice, mp.id, 'claim', { local_id: String(b.id) });
  expect(res.status).toBe(303);
  expect(await claimOf(mp.id)).toBe(null); // a member cannot claim for another local
  res = await post(agents.alice, mp.id, 'claim');
  expect(res.headers.location).toBe('/dashboard');
  expect(await claimOf(mp.id)).toBe(a.id);
  expect((await agents.alice.get('/dashboard')).text).toContain('Claimed: your local will meet this official.');

  await post(agents.bob, mp.id, 'claim');
  expect(await claimOf(mp.id)).toBe(a.id);
  expect((await agents.bob.get('/dashboard')).text).toContain('Another local has already claimed this official.');
  await post(agents.bob, mp.id, 'unclaim');
  expect(await claimOf(mp.id)).toBe(a.id);

  const worklist = (await agents.bob.get('/dashboard')).text;
  expect(worklist).toMatch(/Claimable[\s\S]*Local A/);
  expect(worklist).not.toContain(`/targets/${mp.id}/unclaim`);
});

test('the claiming local releases its claim; a member without a local cannot claim', async () => {
  await post(agents.alice, mp.id, 'unclaim');
  expect(await claimOf(mp.id)).toBe(null);
  await post(agents.loner, mp.id, 'claim');
  expect(await claimOf(mp.id)).toBe(null);
  expect((await agents.loner.get('/dashboard')).text).toContain('Your account is not in a local');
});

test('a coordinator claims for any local and moves a claim; an official who is not a target answers 404', async () => {
  await post(agents.coord, mp.id, 'claim', { local_id: String(b.id) });
  expect(await claimOf(mp.id)).toBe(b.id);
  await post(agents.coord, mp.id, 'claim', { local_id: String(a.id) });
  expect(await claimOf(mp.id)).toBe(a.id);
  expect((await post(agents.coord, other.id, 'claim', { local_id: String(a.id) })).status).toBe(404);
  expect(await t.db('audit_events').where({ entity: 'campaign', action: 'claim' }).count('* as n').first()).toEqual({ n: '3' });
});

test('a claim goes back only to a page of this site', async () => {
  let res = await post(agents.coord, mp.id, 'claim', { local_id: String(a.id), return_to: `/officials/${mp.id}` });
  expect(res.headers.location).toBe(`/officials/${mp.id}`);
  res = await post(agents.coord, mp.id, 'claim', { local_id: String(a.id), return_to: 'https://evil.example/' });
  expect(res.headers.location).toBe('/dashboard');
});

test('the official’s page shows the claim and what this user may do about it', async () => {
  const page = async (agent: Agent, officialId: number) => (await agent.get(`/officials/${officialId}`).expect(200)).text;
  const forAlice = (await page(agents.alice, mp.id)).replace(/\s+/g, ' ');
  expect(forAlice).toContain('Funding push');
  expect(forAlice).toContain('claimed by Local A');
  expect(forAlice).toContain('Release the claim');
  expect(forAlice).not.toContain('name="local_id"');
  const forCoord = await page(agents.coord, mp.id);
  expect(forCoord).not.toContain('name="local_id"'); // a coordinator picks the local on the claim page
  expect(forCoord).toContain(`href="/campaigns/${campaignId}/targets/${mp.id}/claim?return_to=%2Fofficials%2F${mp.id}"`);
  expect(forCoord).toContain(`value="/officials/${mp.id}"`);
  expect(await page(agents.alice, other.id)).not.toContain('official-claims-heading');
});

test('the claim page: a coordinator picks the local there and goes back where they came from', async () => {
  const url = `/campaigns/${campaignId}/targets/${mp.id}/claim`;
  const page = await agents.coord.get(`${url}?return_to=/officials/${mp.id}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain('<h1>Claim Pat Claimable</h1>');
  expect(page.text).toContain('Funding push');
  expect(page.text).toMatch(/<option value="\d+"[^>]*>Local A<\/option>/);
  expect(page.text).toContain(`name="return_to" value="/officials/${mp.id}"`);
  const res = await postForm(agents.coord, url, { local_id: String(b.id), return_to: `/officials/${mp.id}` }, `${url}?return_to=/officials/${mp.id}`);
  expect(res.headers.location).toBe(`/officials/${mp.id}`);
  expect(await claimOf(mp.id)).toBe(b.id);

  // The dashboard's rows link to it instead of repeating every local in each row.
  const dashboard = (await agents.coord.get('/dashboard')).text;
  expect(dashboard).toContain(`${url}?return_to=%2Fdashboard`);
  expect(dashboard).not.toMatch(/<select[^>]*name="local_id"/);

  // A member sees a one-click claim, no list of locals; an official who is not a target answers 404.
  await post(agents.coord, mp.id, 'unclaim');
  const forAlice = (await agents.alice.get(url)).text;
  expect(forAlice).toContain('Our local will meet this official');
  expect(forAlice).not.toContain('name="local_id"');
  expect((await agents.alice.get('/dashboard')).text).toContain(`action="${url}"`);
  expect((await agents.coord.get(`/campaigns/${campaignId}/targets/${other.id}/claim`)).status).toBe(404);
});
