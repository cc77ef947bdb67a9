import { startTestApp, TestApp } from '../helpers/app';
import { createCampaign, createLocal, createOfficial, createUser } from '../helpers/factories';
import { followUpFields, meetingBy } from '../helpers/meetings.factories';
import { Agent, postForm, signIn } from '../helpers/session';
import { today } from '../../src/shared/validation';

/* The meeting form's helps: the logger ticked as an attendee, the only match of a search picked, one follow-up row and "Add another". */
let t: TestApp;
let member: Agent;
let mona: Awaited<ReturnType<typeof createUser>>;
let carl: Awaited<ReturnType<typeof createUser>>;
let lone: Awaited<ReturnType<typeof createOfficial>>;
let campaign: Awaited<ReturnType<typeof createCampaign>>;

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db);
  mona = await createUser(t.db, 'member', { local_id: local.id, name: 'Mona Member' });
  carl = await createUser(t.db, 'member', { local_id: local.id, name: 'Carl Colleague' });
  lone = await createOfficial(t.db, { first_name: 'Brenda', last_name: 'Shanahan', constituency: 'Châteauguay—Lacolle', search_text: 'brenda shanahan chateauguay lacolle' });
  await createOfficial(t.db, { first_name: 'Otto', last_name: 'Ottawa', constituency: 'Ottawa Centre', search_text: 'otto ottawa ottawa centre' });
  await createOfficial(t.db, { first_name: 'Olga', last_name: 'Orleans', constituency: 'Ottawa South', search_text: 'olga orleans ottawa south' });
  campaign = await createCampaign(t.db, { is_default: true }, ['Funding']);
  member = await signIn(t.app, mona.email);
});
afterAll(async () => { await t.close(); });

const ticked = (html: string, userId: number) => new RegExp(`name="attendee_ids" value="${userId}" checked`).test(html);
const meetings = async () => Number((await t.db('meetings').count('* as n').first())!.n);
const rowsShown = (html: string) => (html.match(/name="follow_ups\[\d+\]\[description\]"/g) ?? []).length;
const valid = () => ({ campaign_id: String(campaign.id), official_id: String(lone.id), status: 'held', held_on: today() });

describe('the person logging', () => {
  test('is ticked as an attendee on a new meeting, and no one else is', async () => {
    const page = await member.get('/meetings/new').expect(200);
    expect(ticked(page.text, mona.id)).toBe(true);
    expect(ticked(page.text, carl.id)).toBe(false);
  });

  test('is not ticked again when a refused form comes back with them unticked', async () => {
    const res = await postForm(member, '/meetings/new', { ...valid(), held_on: '', attendee_ids: [String(carl.id)] });
    expect(res.status).toBe(422);
    expect(ticked(res.text, mona.id)).toBe(false);
    expect(ticked(res.text, carl.id)).toBe(true);
  });

  test('is not ticked on the edit form of a meeting they did not attend; saved as typed, they are not an attendee', async () => {
    const res = await postForm(member, '/meetings/new', { ...valid(), attendee_ids: [String(carl.id)] });
    expect(res.status).toBe(303);
    const id = Number(res.headers.location.split('/').pop());
    expect(await t.db('meeting_attendees').where({ meeting_id: id }).pluck('user_id')).toEqual([carl.id]);
    const edit = await member.get(`/meetings/${id}/edit`).expect(200);
    expect(ticked(edit.text, mona.id)).toBe(false);
    expect(ticked(edit.text, carl.id)).toBe(true);
  });
});

describe('the official search', () => {
  test('Find with exactly one match picks that official, with nothing typed lost and nothing saved', async () => {
    const before = await meetings();
    const res = await postForm(member, '/meetings/new', { official_q: 'chateauguay', find_official: '1', notes: 'typed first' });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(new RegExp(`name="official_id" value="${lone.id}" checked`));
    expect(res.text).toContain('The only match, picked:');
    expect(res.text).toContain('typed first');
    expect(await meetings()).toBe(before);
  });

  test('Find with several matches picks none of them, and the one chosen before stays chosen', async () => {
    const res = await postForm(member, '/meetings/new', { official_id: String(lone.id), official_q: 'ottawa', find_official: '1' });
    expect(res.status).toBe(200);
    expect(res.text).toMatch(new RegExp(`name="official_id" value="${lone.id}" checked`));
    expect(res.text.match(/name="official_id" value="\d+" checked/g)).toHaveLength(1);
    expect(res.text).toContain('Otto');
    expect(res.text).toContain('Olga');
    expect(res.text).toContain('Pick one:');
  });

  test('the suggestions fragment comes with its only match picked, and several unpicked', async () => {
    const one = await member.get('/meetings/official-choices?q=shanahan').expect(200);
    expect(one.text).toMatch(new RegExp(`value="${lone.id}" checked`));
    const two = await member.get('/meetings/official-choices?q=ottawa').expect(200);
    expect(two.text).not.toContain('checked');
  });
});

describe('follow-ups on the form', () => {
  test('a new meeting shows one empty follow-up row and an "Add another" button', async () => {
    const page = await member.get('/meetings/new').expect(200);
    expect(rowsShown(page.text)).toBe(1);
    expect(page.text).toContain('name="add_follow_up"');
  });

  test('"Add another" shows the form again with one more row, everything kept and nothing saved, even when the rows are blank', async () => {
    const before = await meetings();
    const blank = await postForm(member, '/meetings/new', { ...valid(), notes: 'keep me', ...followUpFields([{}]), add_follow_up: '1' });
    expect(blank.status).toBe(200);
    expect(rowsShown(blank.text)).toBe(2);
    expect(blank.text).toContain('keep me');

    const typed = await postForm(member, '/meetings/new', { ...valid(), ...followUpFields([{ description: 'Send the brief', assignee_id: carl.id }, {}]), add_follow_up: '1' });
    expect(typed.status).toBe(200);
    expect(rowsShown(typed.text)).toBe(3);
    expect(typed.text).toContain('value="Send the brief"');
    expect(typed.text).toMatch(new RegExp(`<option value="${carl.id}" selected>Carl Colleague`));
    expect(await meetings()).toBe(before);
  });

  test('the rows added that way are saved with the meeting', async () => {
    const res = await postForm(member, '/meetings/new', { ...valid(), held_on: '2026-01-20',
      ...followUpFields([{ description: 'Send the brief', assignee_id: carl.id }, { description: 'Book the next one', due_on: '2030-02-01' }]) });
    expect(res.status).toBe(303);
    const id = Number(res.headers.location.split('/').pop());
    expect(await t.db('follow_ups').where({ meeting_id: id }).orderBy('id').select('description', 'assignee_id', 'due_on')).toEqual([
      { description: 'Send the brief', assignee_id: carl.id, due_on: null },
      { description: 'Book the next one', assignee_id: null, due_on: '2030-02-01' },
    ]);
  });
});

test('the edit form points to the meeting page for follow-ups (they are added and closed there)', async () => {
  const meeting = await meetingBy(t.db, mona, { official_id: lone.id });
  const page = await member.get(`/meetings/${meeting.id}/edit`).expect(200);
  expect(rowsShown(page.text)).toBe(0);
  expect(page.text).toContain(`href="/meetings/${meeting.id}#follow-ups"`);
});
