import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';
import { meetingBy } from '../helpers/meetings.factories';
import { signIn } from '../helpers/session';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

test("the official's page shows the meetings a member may see, the stance over time and the campaign's claim", async () => {
  const local = await createLocal(t.db, { name: 'Local 4400 Halifax' });
  const other = await createLocal(t.db, { name: 'Local 77 Sydney' });
  const member = await createUser(t.db, 'member', { local_id: local.id });
  const stranger = await createUser(t.db, 'member', { local_id: other.id });
  const mp = await createOfficial(t.db, { first_name: 'Andy', last_name: 'Fillmore', constituency: 'Halifax' });
  const campaign = await createCampaign(t.db, { name: 'Fund community services', is_default: true });
  await t.db('campaign_targets').insert({ campaign_id: campaign.id, official_id: mp.id, claimed_by_local_id: local.id, claimed_at: new Date() });

  await meetingBy(t.db, member, { official_id: mp.id, status: 'held', held_on: '2026-03-02', stance: 'undecided', commitments: 'Will read the brief' });
  await meetingBy(t.db, member, { official_id: mp.id, status: 'held', held_on: '2026-06-15', stance: 'champion' });
  await meetingBy(t.db, stranger, { official_id: mp.id, status: 'held', held_on: '2026-05-01', stance: 'supportive', notes: 'Sydney local private notes' });

  const agent = await signIn(t.app, member.email);
  const page = await agent.get(`/officials/${mp.id}`).expect(200);
  expect(page.text).toContain('Andy');
  expect(page.text).toContain('Local 4400 Halifax');            // the claim
  expect(page.text).toContain('Will read the brief');            // a commitment
  expect(page.text).toMatch(/June 15, 2026[\s\S]*March 2, 2026/); // newest first
  expect(page.text).toContain('Champion');
  expect(page.text).not.toContain('Sydney local private notes');  // another local's meeting stays private
});
