import fs from 'node:fs';
import path from 'node:path';
import type { TestApp } from '../helpers/app';
import { createCampaign, createMeeting } from '../helpers/factories';
import { commonsBytes, importFile, startWithCoordinator, upload } from '../helpers/officials.factories';
import { csrfFrom, type Agent } from '../helpers/session';

/**
 * Rule 4 end to end, with the real lists: the October 2021 export (the 2013 map), then the 45th
 * Parliament (the 2023 map). Most members re-elected after the redistribution sit in a renamed or
 * redrawn riding: each is "same person, new seat", and their meetings follow them.
 */
let t: TestApp;
let agent: Agent;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const LIST_2025 = path.join(__dirname, '..', '..', 'data', 'house-of-commons-mps-2025-45th-parliament.csv');

beforeAll(async () => { ({ t, agent } = await startWithCoordinator()); });
afterAll(async () => { await t.close(); });

test('after the 2021 export, the 2025 list moves re-elected members to their new seats with their meetings', async () => {
  await importFile(agent, commonsBytes());
  const ids2021 = await t.db('officials').pluck('id');
  const richards = await t.db('officials').where({ first_name: 'Blake', last_name: 'Richards' }).first();
  expect(richards).toMatchObject({ constituency: 'Banff—Airdrie', end_date: null });
  const campaign = await createCampaign(t.db, { name: 'Redistribution' });
  const meeting = await createMeeting(t.db, { official_id: richards.id, campaign_id: campaign.id, notes: 'Met in Banff' });

  const res = await upload(agent, fs.readFileSync(LIST_2025), {}, path.basename(LIST_2025));
  expect(res.status).toBe(303);
  const batchId = Number(res.headers.location.split('/').pop());
  const html = (await agent.get(`/officials/imports/${batchId}`)).text;
  const page = text(html);
  expect(page).toContain('same person, new seat: Blake Richards, Banff—Airdrie → Airdrie—Cochrane');
  expect(page).toContain('1 meeting follows Blake Richards to Airdrie—Cochrane');
  const moved = (html.match(/same person, new seat/g) ?? []).length;
  // 68 members re-elected under the same name and party in a seat of another name (Pierre Poilievre's by-election among them).
  expect(moved).toBeGreaterThanOrEqual(60);
  // Rule 3 on the real lists: a married name.
  expect(page).toContain('same person, name changed: Rachael Harder → Rachael Thomas (Lethbridge)');

  const apply = await agent.post(`/officials/imports/${batchId}`).type('form').send({ _csrf: csrfFrom(html), complete: '1' });
  expect(apply.status).toBe(303);
  expect(await t.db('officials').where({ id: richards.id }).first()).toMatchObject({ constituency: 'Airdrie—Cochrane', end_date: null });
  expect(await t.db('meetings').where({ id: meeting.id }).first()).toMatchObject({ official_id: richards.id });
  expect(text((await agent.get(`/officials/${richards.id}`)).text)).toContain('Airdrie—Cochrane');
  expect((await agent.get(`/officials/${richards.id}`)).text).toContain(`href="/meetings/${meeting.id}"`);
  expect(await t.db('officials').where({ level: 'federal' }).whereNull('end_date').count('* as n').first()).toEqual({ n: '343' });
  // Every member of 2021 keeps their row, sitting (in their seat or a new one) or ended: no one is lost.
  expect(await t.db('officials').whereIn('id', ids2021).count('* as n').first()).toEqual({ n: '338' });
}, 60_000);
