import type { TestApp } from '../helpers/app';
import { createCampaign } from '../helpers/factories';
import { HARDEN, importFile, ontarioFile, ontarioRow, ontarioVacantRow, startWithCoordinator } from '../helpers/officials.factories';
import { csrfFrom, Agent } from '../helpers/session';

let t: TestApp;
let agent: Agent;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

beforeAll(async () => { ({ t, agent } = await startWithCoordinator()); });
afterAll(async () => { await t.close(); });

const SEAT = 'Scarborough—Guildwood';
const harden = ontarioRow(HARDEN);

test('a target whose seat fell vacant shows “vacant since”, no longer counts, and the newcomer is targeted in one step', async () => {
  await importFile(agent, ontarioFile([harden, ontarioRow({ first: 'Bea', last: 'Old', riding: SEAT, memberId: '8001' })]));
  const campaign = await createCampaign(t.db, { name: 'Provincial push' });
  const ids = await t.db('officials').where({ jurisdiction: 'ca_on' }).pluck('id');
  await t.db('campaign_targets').insert(ids.map((official_id: number) => ({ campaign_id: campaign.id, official_id })));

  expect(text((await agent.get(`/dashboard?campaign=${campaign.id}`)).text)).toContain('Worklist: 2 targets not met yet');

  // Not declared the complete list: the file still says the seat is vacant, so its member left.
  await importFile(agent, ontarioFile([harden, ontarioVacantRow(SEAT)]));
  expect(await t.db('officials').where({ last_name: 'Old' }).first()).toMatchObject({ end_date: expect.any(String) });
  const dashboard = text((await agent.get(`/dashboard?campaign=${campaign.id}`)).text);
  expect(dashboard).toContain('Worklist: 1 target not met yet');
  expect(dashboard).not.toContain('Bea Old');
  expect(dashboard).toMatch(/Targets met 0 of 1/);
  let page = text((await agent.get(`/campaigns/${campaign.id}`)).text);
  expect(page).toContain('1 sitting targets; 1 former officials no longer count.');
  expect(page).toMatch(/Bea Old \(left office [^;]+; seat vacant since \w+ \d+, \d{4}\)/);

  await importFile(agent, ontarioFile([harden, ontarioRow({ first: 'Ann', last: 'Newcomer', riding: SEAT, memberId: '9001' })]));
  const html = (await agent.get(`/campaigns/${campaign.id}`)).text;
  page = text(html);
  expect(page).not.toContain('seat vacant since');
  expect(page).toContain('Target the new member, Ann Newcomer');
  const newcomer = await t.db('officials').where({ last_name: 'Newcomer' }).first();
  const res = await agent.post(`/campaigns/${campaign.id}/targets`).type('form')
    .send({ _csrf: csrfFrom(html), by: 'hand', official_ids: String(newcomer.id) });
  expect(res.status).toBe(303);
  page = text((await agent.get(`/campaigns/${campaign.id}`)).text);
  expect(page).toContain('2 sitting targets; 1 former officials no longer count.');
  expect(page).not.toContain('Target the new member');
});
