import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';
import { meetingBy } from '../helpers/meetings.factories';
import { Agent, postForm, signIn } from '../helpers/session';
import type { SessionUser } from '../../src/shared/types';

let t: TestApp;
let mona: SessionUser;
let olga: SessionUser;
let coordinator: SessionUser;
let member: Agent;
let coord: Agent;
let on: Awaited<ReturnType<typeof createOfficial>>;
let qc: Awaited<ReturnType<typeof createOfficial>>;
let campaign: Awaited<ReturnType<typeof createCampaign>>;
let localId: number;

beforeAll(async () => {
  t = await startTestApp();
  localId = (await createLocal(t.db, { name: 'Local 1' })).id;
  mona = await createUser(t.db, 'member', { local_id: localId, name: 'Mona Member' });
  olga = await createUser(t.db, 'member', { local_id: (await createLocal(t.db, { name: 'Local 2' })).id, name: 'Olga Other' });
  coordinator = await createUser(t.db, 'coordinator');
  on = await createOfficial(t.db, { first_name: 'Ona', last_name: 'Ontario', province: 'ON', party: 'Liberal' });
  qc = await createOfficial(t.db, { first_name: 'Queenie', last_name: 'Quebec', province: 'QC', party: 'Bloc Québécois' });
  campaign = await createCampaign(t.db, { is_default: true }, ['Funding']);
  const old = await createCampaign(t.db, { name: 'Old', active: false });
  await meetingBy(t.db, mona, { official_id: on.id, held_on: '2026-01-05', stance: 'undecided' });
  await meetingBy(t.db, mona, { official_id: on.id, held_on: '2026-02-05', stance: 'supportive', commitment_kinds: ['caucus'], commitments: 'Will table a petition',
    follow_ups: [{ description: 'Send data', due_on: null, assignee_id: null }] });
  await meetingBy(t.db, olga, { official_id: on.id, held_on: '2026-03-05', stance: 'champion', commitments: 'Secret promise' });
  await meetingBy(t.db, mona, { official_id: qc.id, held_on: '2026-02-10', status: 'requested', campaign_id: old.id });
  for (let i = 0; i < 26; i++) await meetingBy(t.db, coordinator, { official_id: qc.id, held_on: '2025-06-01', status: 'scheduled' });
  member = await signIn(t.app, mona.email);
  coord = await signIn(t.app, coordinator.email);
});
afterAll(async () => { await t.close(); });

const rowsOf = (html: string) => (html.match(/<td class="card-title"><a href="\/meetings\/\d+">/g) ?? []).length;

describe('/meetings list', () => {
  test("a member sees their local's meetings, newest first", async () => {
    const page = await member.get('/meetings').expect(200);
    expect(rowsOf(page.text)).toBe(3);
    expect(page.text.indexOf('February 10, 2026')).toBeLessThan(page.text.indexOf('February 5, 2026'));
    expect(page.text.indexOf('February 5, 2026')).toBeLessThan(page.text.indexOf('January 5, 2026'));
    expect(page.text).not.toContain('March 5, 2026');
  });

  test('filters live in the URL and narrow the list', async () => {
    expect(rowsOf((await member.get(`/meetings?province=QC`)).text)).toBe(1);
    expect(rowsOf((await member.get(`/meetings?party=Liberal&stance=supportive`)).text)).toBe(1);
    expect(rowsOf((await member.get(`/meetings?status=requested`)).text)).toBe(1);
    expect(rowsOf((await member.get(`/meetings?campaign=${campaign.id}`)).text)).toBe(2);
    expect(rowsOf((await member.get(`/meetings?official=${on.id}&from=2026-01-06&to=2026-12-31`)).text)).toBe(1);
    expect(rowsOf((await member.get(`/meetings?local=${localId}`)).text)).toBe(3);
    expect(rowsOf((await coord.get(`/meetings?mine=1`)).text)).toBe(25);
    const page = await member.get('/meetings?stance=champion&status=held');
    expect(page.text).toMatch(/<option value="champion" selected>/);
    expect(page.text).toContain('No meeting matches these filters.');
  });

  test('a malformed filter is a message, not a crash', async () => {
    const res = await member.get('/meetings?from=yesterday&status=visited');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter a date, for example 2026-03-31');
    expect(res.text).toContain('Choose a status from the list.');
  });

  test('a coordinator sees every local, paginated 25 a page with the filters kept in the links', async () => {
    const page = await coord.get('/meetings?status=scheduled').expect(200);
    expect(rowsOf(page.text)).toBe(25);
    expect(page.text).toContain('href="/meetings?status=scheduled&amp;page=2"');
    expect(rowsOf((await coord.get('/meetings?status=scheduled&page=2')).text)).toBe(1);
    const pastTheEnd = await coord.get('/meetings?status=scheduled&page=9').expect(200);
    expect(rowsOf(pastTheEnd.text)).toBe(1); // the last page, as the pagination says
    expect(pastTheEnd.text).toContain('href="/meetings?status=scheduled&amp;page=1"');
    expect(pastTheEnd.text).toContain('<option value="Bloc Québécois">Bloc Québécois</option>');
    expect(rowsOf((await coord.get('/meetings')).text)).toBe(25);
    expect((await coord.get('/meetings?province=ON')).text).toContain('March 5, 2026');
  });
});

describe("the official's history", () => {
  /** The parts of the official's page that the history fills: its stance timeline, commitments and meetings. */
  const historyOn = async (agent: Agent) => {
    const html = (await agent.get(`/officials/${on.id}`).expect(200)).text;
    const part = (cls: string) => html.split(`class="${cls}"`)[1]?.split(/<\/[ou]l>/)[0] ?? '';
    return {
      html: html.replace(/\s+/g, ' '),
      stances: [...part('stance-timeline').matchAll(/class="stance stance-(\w+)"/g)].map((m) => m[1]),
      commitments: [...part('commitments').matchAll(/<li>/g)].length,
      meetings: [...part('official-meetings').matchAll(/href="\/meetings\/(\d+)">([^<]+)</g)].map((m) => ({ id: Number(m[1]), held_on: m[2] })),
    };
  };

  test('meetings the user may see, the stance timeline across all meetings, and the commitments', async () => {
    const history = await historyOn(member);
    expect(history.meetings.map((m) => m.held_on)).toEqual(['February 5, 2026', 'January 5, 2026']);
    expect(history.stances).toEqual(['undecided', 'supportive', 'champion']);
    expect(history.commitments).toBe(1);
    expect(history.html).toContain('Latest stance: Champion');
    expect(history.html).toContain('Will raise it in caucus · Will table a petition');
    expect(history.html).toContain('(1 open follow-up)');
    expect(history.html).not.toContain('Secret promise');

    const all = await historyOn(coord);
    expect(all.meetings).toHaveLength(3);
    expect(all.commitments).toBe(2);
    expect(all.html.indexOf('Secret promise')).toBeLessThan(all.html.indexOf('Will table a petition'));
  });

  test('a deleted meeting leaves the history', async () => {
    const [m] = (await historyOn(coord)).meetings;
    expect((await postForm(coord, `/meetings/${m.id}/delete`, {}, `/meetings/${m.id}`)).status).toBe(303);
    const after = await historyOn(coord);
    expect(after.stances).toEqual(['undecided', 'supportive']);
    await postForm(coord, `/meetings/${m.id}/restore`, {}, `/meetings/${m.id}`);
  });
});

test("an official's page lists the latest 20 meetings and links to the list of all of them", async () => {
  const page = await coord.get(`/officials/${qc.id}`).expect(200);
  const listed = page.text.split('class="official-meetings"')[1].split('</ul>')[0];
  expect(listed.match(/<li>/g)).toHaveLength(20);
  expect(page.text).toContain(`href="/meetings?official=${qc.id}"`);
  const all = await coord.get(`/meetings?official=${qc.id}`).expect(200);
  expect(all.text).toContain('Queenie');
});
