import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser, createCampaign, createMeeting } from '../helpers/factories';
import { addTargets, createFollowUp, day } from '../helpers/dashboard.factories';
import { Agent, signIn } from '../helpers/session';

let t: TestApp;
let coordinator: Agent;
let memberA: Agent;
let campaignId: number;
const o: Record<string, { id: number }> = {};
const noon = (n: number) => `${day(n)}T12:00:00Z`;

/** The visible text of one element (by id or class), tags dropped and spaces collapsed. */
function section(html: string, marker: string): string {
  const start = html.indexOf(marker);
  if (start < 0) throw new Error(`${marker} not on the page`);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end < 0 ? undefined : end).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}
const figure = (html: string, key: string) => {
  const start = html.indexOf(`figure-${key}"`);
  return html.slice(start, html.indexOf('</li>', start)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').replace(/^figure-\S+ /, '').replace(/\s+\)/g, ')').trim();
};

beforeAll(async () => {
  t = await startTestApp();
  const db = t.db;
  const [a, b] = [await createLocal(db, { name: 'Local A' }), await createLocal(db, { name: 'Local B' })];
  await createLocal(db, { name: 'Local C' });
  const coord = await createUser(db, 'coordinator');
  const mA = await createUser(db, 'member', { local_id: a.id, name: 'Alice A' });
  const mB = await createUser(db, 'member', { local_id: b.id, name: 'Bob B' });
  await createUser(db, 'member', { local_id: a.id, name: 'Quiet Quinn' });
  coordinator = await signIn(t.app, coord.email);
  memberA = await signIn(t.app, mA.email);

  const campaign = await createCampaign(db, { starts_on: day(-60), ends_on: day(60), goal_date: day(60), is_default: true, goal: 'Meet every MP' });
  campaignId = campaign.id;
  o.o1 = await createOfficial(db, { province: 'ON', party: 'Liberal', last_name: 'Oneill', constituency: 'Ottawa One' });
  o.o2 = await createOfficial(db, { province: 'ON', party: 'Conservative', last_name: 'Twomey', constituency: 'Ottawa Two' });
  o.o3 = await createOfficial(db, { province: 'QC', party: 'Bloc Québécois', last_name: 'Trois', constituency: 'Québec Trois' });
  o.o4 = await createOfficial(db, { province: 'QC', party: 'Liberal', last_name: 'Quatre', constituency: 'Québec Quatre' });
  o.o5 = await createOfficial(db, { province: 'ON', party: 'Liberal', last_name: 'Former', constituency: 'Old Riding', end_date: day(-1) });
  o.o6 = await createOfficial(db, { province: 'BC', party: 'NDP', last_name: 'Six', constituency: 'Burnaby Six' });
  o.o7 = await createOfficial(db, { province: 'ON', party: 'Liberal', last_name: 'Seven', constituency: 'Ottawa Seven' });
  await addTargets(db, campaignId, [o.o1.id, o.o2.id, o.o3.id, o.o5.id, o.o6.id, o.o7.id].map(Number));
  await addTargets(db, campaignId, [o.o4.id], a.id);

  const m = (official: { id: number }, status: 'held' | 'declined' | 'scheduled', when: number, local: typeof a, by: { id: number }, extra = {}) =>
    createMeeting(db, { campaign_id: campaignId, official_id: official.id, status, held_on: day(when), local_id: local.id, logged_by: by.id, ...extra });
  const o1a = await m(o.o1, 'held', -10, a, mA, { stance: 'opposed' });
  await m(o.o1, 'held', -5, b, mB, { stance: 'supportive', created_at: noon(-35) });
  await m(o.o2, 'declined', -20, a, mA);
  const o3b = await m(o.o3, 'held', -40, b, mB, { stance: 'champion', created_at: noon(-40) });
  await m(o.o4, 'scheduled', 7, a, mA);
  await m(o.o5, 'held', -3, a, mA, { stance: 'champion' });
  await m(o.o7, 'held', -2, a, mA, { stance: 'opposed', deleted_at: noon(-1) });
  // Another campaign's meeting counts in neither this campaign's figures nor its idle list.
  const other = await createCampaign(db, { name: 'Another campaign' });
  await createMeeting(db, { campaign_id: other.id, official_id: o.o2.id, status: 'held', held_on: day(-1), local_id: b.id, logged_by: mB.id, stance: 'champion' });
  await createFollowUp(db, o1a.id, { due_on: day(-1) });
  await createFollowUp(db, o1a.id, { due_on: day(-1), done_at: noon(-1) });
  await createFollowUp(db, o3b.id, { due_on: day(10) });
  await createFollowUp(db, o3b.id, { due_on: day(-35), created_at: noon(-45), done_at: noon(-20) });
});
afterAll(async () => { await t.close(); });

describe('the dashboard for a coordinator', () => {
  let html: string;
  beforeAll(async () => { html = (await coordinator.get('/dashboard').expect(200)).text; });

  test('headline figures: only held meetings of sitting targets count as met; each compared with 30 days earlier', () => {
    expect(figure(html, 'met')).toBe('Targets met 2 of 6 +1 (before: 1)');
    expect(figure(html, 'held')).toBe('Meetings held 4 +3 (before: 1)');
    expect(figure(html, 'scheduled')).toBe('Meetings scheduled 1 +1 (before: 0)');
    expect(figure(html, 'favourable')).toBe('Targets who are champions or supportive 2 +1 (before: 1)');
    expect(figure(html, 'openFollowUps')).toBe('Open follow-ups 2 +1 (before: 1)');
    expect(figure(html, 'overdueFollowUps')).toBe('Overdue follow-ups 1 ±0 (before: 1)');
  });

  test('the goal’s pace', () => {
    const pace = section(html, 'class="pace"');
    expect(pace).toMatch(/> At the pace so far \(2 targets met since \w+ \d+, \d{4}\), 4 of the 6 targets will have been met by \w+ \d+, \d{4}\. /);
    expect(pace).toContain('Meeting them all by then takes about 1 more target a week from now on.');
    expect(html).not.toContain('pace-behind');
  });

  test('coverage by province and by party, former officials left out', () => {
    expect(section(html, 'id="coverage-province"')).toContain('British Columbia 0 of 1 0% Ontario 1 of 3 33% Quebec 1 of 2 50%');
    expect(section(html, 'id="coverage-party"')).toContain('Bloc Québécois 1 of 1 100% Conservative 0 of 1 0% Liberal 1 of 3 33% NDP 0 of 1 0%');
    // One bar per row, met of targets, in the table: no chart of grey target bars.
    expect(html).toContain('<progress value="1" max="3" aria-label="Ontario: 33%"></progress>');
  });

  test('stances: the latest recorded per target; a deleted meeting does not count', () => {
    expect(section(html, 'id="stances"')).toContain('Champion 1 Supportive 1 Undecided 0 Opposed 0 4 targets with no stance recorded yet');
  });

  test('meetings per week: every week from the start of the campaign to today, the held ones counted once', () => {
    const table = html.slice(html.indexOf('id="weekly-table"'), html.indexOf('</table>', html.indexOf('id="weekly-table"')));
    const rows = [...table.matchAll(/<tr>\s*<th scope="row">[^<]*<\/th>\s*<td data-value="(\d+)">[\s\S]*?<td data-value="(\d+)">/g)];
    expect(rows.length).toBeGreaterThanOrEqual(9);
    expect(rows.length).toBeLessThanOrEqual(10);
    expect(rows.reduce((sum, r) => sum + Number(r[1]), 0)).toBe(4);
  });

  test('activity by local, and the locals with nothing logged in 30 days', () => {
    expect(section(html, 'id="by-local"')).toMatch(/Local A 4 2 2 .*Local B 2 2 2/);
    expect(section(html, 'id="idle"')).toMatch(/2 in all\. Local C — nothing logged yet Local B — last logged/);
  });

  test('the worklist: targets not met, unclaimed with nothing under way first; declined is not met', () => {
    const list = section(html, 'id="worklist"');
    expect(list).toContain('Worklist: 4 targets not met yet');
    const order = ['Six', 'Seven', 'Twomey', 'Quatre'].map((name) => list.indexOf(name));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(list).toMatch(/Twomey .*Declined/);
    expect(list).toMatch(/Quatre .*Local A .*Scheduled \(/);
    expect(list).not.toContain('Oneill');
  });

  test('every number links to the list behind it, with the filters kept', () => {
    expect(html).toContain(`href="/meetings?campaign=${campaignId}&amp;status=held"`);
    expect(html).toContain(`href="/dashboard/targets?campaign=${campaignId}&amp;met=1"`);
    expect(html).toContain(`href="/dashboard/targets?campaign=${campaignId}&amp;province=QC&amp;met=1"`);
    expect(html).toContain(`href="/dashboard/targets?campaign=${campaignId}&amp;province=ON"`);
    expect(html).toContain(`href="/dashboard/targets?campaign=${campaignId}&amp;stance=champion"`);
    expect(html).toContain(`href="/follow-ups?campaign=${campaignId}&amp;overdue=1"`);
  });

  test('the charts are drawn from the tables by a script served by the app, no inline script', () => {
    expect(html).toMatch(/<script src="\/static\/vendor\/chart\.umd\.min\.[0-9a-f]{12}\.js" defer><\/script>/);
    expect(html).toMatch(/<script src="\/static\/js\/dashboard\.[0-9a-f]{12}\.js" defer><\/script>/);
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script[^>]*>[^<]+<\/script>|style="/);
    expect(html.match(/class="chart-data"/g)!.length).toBe(2);
  });
});

test('the page is complete in French', async () => {
  const html = (await coordinator.get('/dashboard').set('Accept-Language', 'fr-CA').expect(200)).text;
  expect(figure(html, 'met')).toBe('Cibles rencontrées 2 sur 6 +1 (avant : 1)');
  expect(html).toContain('Couverture par province ou territoire');
});

describe('filters', () => {
  test('province narrows targets, meetings and the worklist', async () => {
    const html = (await coordinator.get('/dashboard?province=QC').expect(200)).text;
    expect(figure(html, 'met')).toMatch(/^Targets met 1 of 2/);
    expect(figure(html, 'held')).toMatch(/^Meetings held 1 /);
    expect(section(html, 'id="worklist"')).toContain('Worklist: 1 target not met yet');
  });

  test('a date range compares with the range of the same length just before it', async () => {
    const html = (await coordinator.get(`/dashboard?campaign=${campaignId}&from=${day(-15)}&to=${day(0)}`).expect(200)).text;
    expect(figure(html, 'met')).toBe('Targets met 1 of 6 +1 (before: 0)');
    expect(figure(html, 'held')).toBe('Meetings held 3 +3 (before: 0)');
    expect(html).toContain(`href="/meetings?campaign=${campaignId}&amp;from=${day(-31)}&amp;to=${day(-16)}&amp;status=held"`);
  });

  test('a local filter narrows the meetings; the idle list then shows that local’s members', async () => {
    const local = await t.db('locals').where({ name: 'Local B' }).first();
    const html = (await coordinator.get(`/dashboard?local=${local.id}`).expect(200)).text;
    expect(figure(html, 'met')).toMatch(/^Targets met by this local 2 /);
    expect(section(html, 'id="idle"')).toMatch(/Members with nothing logged in 30 days 1 in all\. Bob B — last logged/);
  });

  test('bad filters are refused with a message, not a crash', async () => {
    const res = await coordinator.get('/dashboard?province=ZZ&from=2026-02-30').expect(422);
    expect(res.text).toContain('Choose a province or territory from the list.');
    expect(res.text).toContain('Enter a date, for example 2026-03-31');
    await coordinator.get('/dashboard?campaign=999999').expect(422);
  });
});

describe('a member', () => {
  test('sees only their local’s meetings, whatever local they ask for', async () => {
    const other = await t.db('locals').where({ name: 'Local B' }).first();
    const html = (await memberA.get(`/dashboard?local=${other.id}`).expect(200)).text;
    expect(figure(html, 'met')).toMatch(/^Targets met by your local 1 /);
    expect(figure(html, 'held')).toMatch(/^Meetings held 2 /);
    expect(figure(html, 'favourable')).toMatch(/^Targets who are champions or supportive 0 /);
    expect(section(html, 'id="by-local"')).not.toContain('Local B');
    expect(section(html, 'id="idle"')).toContain('Quiet Quinn — nothing logged yet');
    expect(html).not.toContain('name="local"');
  });

  test('without a local sees no figure at all', async () => {
    const loner = await createUser(t.db, 'member');
    const html = (await (await signIn(t.app, loner.email)).get('/dashboard').expect(200)).text;
    expect(html).toContain('Your account is not in a local yet');
    expect(html).not.toContain('figure-met');
  });

  test('sees their local’s claims first in the worklist', async () => {
    const list = section((await memberA.get('/dashboard').expect(200)).text, 'id="worklist"');
    expect(list.indexOf('Quatre')).toBeLessThan(list.indexOf('Six'));
  });
});
