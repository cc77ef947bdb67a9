import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';
import { followUpFields } from '../helpers/meetings.factories';
import { Agent, postForm, signIn } from '../helpers/session';
import { today } from '../../src/shared/validation';

let t: TestApp;
let member: Agent;
let memberUser: Awaited<ReturnType<typeof createUser>>;
let colleague: Awaited<ReturnType<typeof createUser>>;
let mp: Awaited<ReturnType<typeof createOfficial>>;
let campaign: Awaited<ReturnType<typeof createCampaign>>;

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db, { name: 'Local 79' });
  memberUser = await createUser(t.db, 'member', { local_id: local.id, name: 'Mona Member' });
  colleague = await createUser(t.db, 'member', { local_id: local.id, name: 'Carl Colleague' });
  await createUser(t.db, 'admin');
  await createOfficial(t.db, { first_name: 'Ann', last_name: 'Former', constituency: 'Châteauguay—Lacolle', end_date: '2021-01-01',
    search_text: 'ann former chateauguay lacolle' });
  mp = await createOfficial(t.db, { honorific: 'Hon.', first_name: 'Brenda', last_name: 'Shanahan', constituency: 'Châteauguay—Lacolle',
    search_text: 'brenda shanahan chateauguay lacolle', province: 'QC', party: 'Liberal' });
  await createCampaign(t.db, { name: 'Old campaign', active: true, starts_on: '2020-01-01' }, ['Old ask']);
  campaign = await createCampaign(t.db, { name: 'Fund services 2026', is_default: true, starts_on: '2026-01-01' },
    ['Targeted, stable funding', 'A national wage standard']);
  member = await signIn(t.app, memberUser.email);
});
afterAll(async () => { await t.close(); });

describe('logging a meeting as a member', () => {
  test('the form defaults to the default campaign, today and held, and pre-fills the official from ?official', async () => {
    const page = await member.get(`/meetings/new?official=${mp.id}`).expect(200);
    expect(page.text).toContain('Log a meeting');
    expect(page.text).toMatch(new RegExp(`<option value="${campaign.id}" selected>Fund services 2026`));
    expect(page.text).toContain(`value="${today()}"`);
    expect(page.text).toMatch(/<option value="held" selected>/);
    expect(page.text).toMatch(new RegExp(`name="official_id" value="${mp.id}" checked`));
    expect(page.text).toContain('Targeted, stable funding');
    expect(page.text).toContain('Carl Colleague');
    expect(page.text).toMatch(/src="\/static\/js\/meetings\.[0-9a-f]{12}\.js"/);
    // The strict CSP allows no inline script or style.
    expect(page.text).not.toMatch(/ style=|<script(?![^>]*src=)|\son[a-z]+=/);
  });

  test('finds the official without JavaScript by part of the riding, accents and dashes folded, sitting first', async () => {
    const res = await postForm(member, '/meetings/new', { official_q: 'chateauguay-lacolle', find_official: '1', notes: 'kept while searching' });
    expect(res.status).toBe(200);
    const sitting = res.text.indexOf('Shanahan');
    const former = res.text.indexOf('Former');
    expect(sitting).toBeGreaterThan(0);
    expect(former).toBeGreaterThan(sitting);
    expect(res.text).toContain('kept while searching');
    expect(res.text).toContain('former');
  });

  test('the suggestions endpoint answers an HTML fragment with the matching officials', async () => {
    const res = await member.get('/meetings/official-choices?q=SHANA').expect(200);
    expect(res.text).toContain('Brenda');
    expect(res.text).not.toContain('<html');
    const none = await member.get('/meetings/official-choices?q=zzzz').expect(200);
    expect(none.text).toContain('No official matches');
  });

  test('saves a held meeting with stance, asks, attendees, a commitment and two follow-ups, and confirms what was saved', async () => {
    const res = await postForm(member, '/meetings/new', {
      campaign_id: String(campaign.id), official_id: String(mp.id), status: 'held', held_on: today(), format: 'constituency_office',
      location: 'Riding office', attendee_ids: [String(memberUser.id), String(colleague.id)], other_attendees: 'Jo from the labour council',
      ask_ids: [String(campaign.asks[0].id)], stance: 'supportive', commitment_kinds: ['caucus', 'meet_again'],
      commitments: 'Will ask the finance committee', notes: 'Line one\nLine two',
      ...followUpFields([
        { description: 'Send the brief', due_on: '2030-01-10', assignee_id: colleague.id },
        {},
        { description: 'Book the next meeting' },
      ]),
    }, '/meetings/new');
    expect(res.status).toBe(303);
    const id = Number(res.headers.location.split('/').pop());
    const page = await member.get(res.headers.location).expect(200);
    expect(page.text).toContain('Saved: the meeting with Hon. Brenda Shanahan (Châteauguay—Lacolle)');
    expect(page.text).toContain('Held, stance: Supportive, commitments recorded, 2 follow-ups.');
    expect(page.text).toContain('Will raise it in caucus');
    expect(page.text).toContain('Send the brief');
    expect(page.text).toContain('Logged by Mona Member');

    const row = await t.db('meetings').where({ id }).first();
    expect(row).toMatchObject({ status: 'held', stance: 'supportive', local_id: memberUser.local_id, logged_by: memberUser.id,
      commitment_kinds: ['caucus', 'meet_again'], notes: 'Line one\nLine two', version: 1 });
    expect(await t.db('meeting_attendees').where({ meeting_id: id }).orderBy('user_id').pluck('user_id')).toEqual([memberUser.id, colleague.id]);
    expect(await t.db('meeting_asks').where({ meeting_id: id }).pluck('ask_id')).toEqual([campaign.asks[0].id]);
    expect(await t.db('follow_ups').where({ meeting_id: id }).orderBy('id').pluck('description')).toEqual(['Send the brief', 'Book the next meeting']);
    // Saved in the same statement as the meeting, the follow-ups still take its campaign and local (their trigger reads the meeting).
    expect(await t.db('follow_ups').where({ meeting_id: id }).orderBy('id')
      .select('due_on', 'assignee_id', 'created_by', 'campaign_id', 'local_id', 'meeting_deleted')).toEqual([
      { due_on: '2030-01-10', assignee_id: colleague.id, created_by: memberUser.id, campaign_id: campaign.id, local_id: memberUser.local_id, meeting_deleted: false },
      { due_on: null, assignee_id: null, created_by: memberUser.id, campaign_id: campaign.id, local_id: memberUser.local_id, meeting_deleted: false },
    ]);
    const audit = await t.db('audit_events').where({ entity: 'meeting', entity_id: id }).first();
    expect(audit).toMatchObject({ action: 'create', user_id: memberUser.id });
    expect(audit.changes.stance).toEqual({ from: null, to: 'supportive' });
    expect(audit.changes.attendee_ids).toEqual({ from: null, to: [memberUser.id, colleague.id] });
    expect(audit.changes.follow_ups).toEqual({ from: 0, to: 2 });
  });
});

describe('as a coordinator', () => {
  test("logs a meeting for a local, which that local's members then see; and sees every member's meeting in the list", async () => {
    const coordinator = await createUser(t.db, 'coordinator', { name: 'Coco Coordinator' });
    const coord = await signIn(t.app, coordinator.email);
    const form = await coord.get('/meetings/new').expect(200);
    expect(form.text).toContain('No local (national)');
    const res = await postForm(coord, '/meetings/new', {
      campaign_id: String(campaign.id), official_id: String(mp.id), status: 'scheduled', held_on: '2030-05-01', format: 'virtual',
      local_id: String(memberUser.local_id), notes: 'Booked by the national office',
    });
    expect(res.status).toBe(303);
    const id = Number(res.headers.location.split('/').pop());
    expect(await t.db('meetings').where({ id }).first()).toMatchObject({ local_id: memberUser.local_id, logged_by: coordinator.id });
    expect((await coord.get(res.headers.location)).text).toContain('Saved: the meeting with Hon. Brenda Shanahan (Châteauguay—Lacolle) on May 1, 2030: Scheduled.');
    expect((await member.get(`/meetings/${id}`)).status).toBe(200);
    const list = await coord.get('/meetings').expect(200);
    expect(list.text).toContain(`href="/meetings/${id}"`);
    expect(list.text).toContain('Mona Member');

    // A member cannot choose another local: the field is ignored for them.
    const other = await createLocal(t.db);
    const mine = await postForm(member, '/meetings/new', { official_id: String(mp.id), status: 'held', held_on: '2026-01-02', local_id: String(other.id) });
    expect(mine.status).toBe(303);
    expect(await t.db('meetings').where({ id: Number(mine.headers.location.split('/').pop()) }).first()).toMatchObject({ local_id: memberUser.local_id });
  });
});
