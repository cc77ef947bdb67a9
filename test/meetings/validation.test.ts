import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';
import { followUpFields } from '../helpers/meetings.factories';
import { Agent, postForm, signIn } from '../helpers/session';

let t: TestApp;
let member: Agent;
let mp: Awaited<ReturnType<typeof createOfficial>>;
let campaign: Awaited<ReturnType<typeof createCampaign>>;
let other: Awaited<ReturnType<typeof createCampaign>>;

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db);
  const user = await createUser(t.db, 'member', { local_id: local.id });
  mp = await createOfficial(t.db, { first_name: 'Brenda', last_name: 'Shanahan', search_text: 'brenda shanahan riding' });
  campaign = await createCampaign(t.db, { is_default: true }, ['Funding']);
  other = await createCampaign(t.db, { name: 'Other' }, ['Other ask']);
  member = await signIn(t.app, user.email);
});
afterAll(async () => { await t.close(); });

const valid = () => ({ campaign_id: String(campaign.id), official_id: String(mp.id), status: 'held', held_on: '2026-01-15' });
const meetings = async () => Number((await t.db('meetings').count('* as n').first())!.n);

/** Posts the form; expects a 422 that shows `message` next to `field` and keeps `kept`. */
async function refused(fields: Record<string, unknown>, field: string, message: string, kept: string[] = []) {
  const res = await postForm(member, '/meetings/new', fields);
  expect(res.status).toBe(422);
  expect(res.text).toContain('There is 1 problem with this form');
  expect(res.text).toContain(`href="#field-${field}"`);
  expect(res.text).toContain(message);
  for (const value of kept) expect(res.text).toContain(value);
  expect(await meetings()).toBe(0);
}

describe('every validation message, with nothing typed lost and nothing written', () => {
  test.each([
    ['official_id', 'missing', { official_id: '' }, 'Choose the official: type part of the name or riding'],
    ['official_id', 'unknown', { official_id: '999999' }, 'Choose the official: type part of the name or riding'],
    ['campaign_id', 'not a number', { campaign_id: 'x' }, 'Choose a campaign from the list.'],
    ['campaign_id', 'unknown', { campaign_id: '999999' }, 'Choose a campaign from the list.'],
    ['status', 'not in the list', { status: 'visited' }, 'Choose a status from the list.'],
    ['held_on', 'missing', { held_on: '' }, 'Enter the date of the meeting.'],
    ['held_on', 'not a real day', { held_on: '2026-02-30' }, 'Enter a date, for example 2026-03-31'],
    ['held_on', 'held in the future', { held_on: '2999-01-01' }, 'A held meeting cannot be in the future.'],
    ['format', 'not in the list', { format: 'carrier pigeon' }, 'Choose a format from the list.'],
    ['location', 'too long', { location: 'x'.repeat(501) }, 'Keep the location under 500 characters.'],
    ['attendee_ids', 'not a number', { attendee_ids: ['abc'] }, 'Pick the members who attended from the list.'],
    ['attendee_ids', 'unknown user', { attendee_ids: ['999999'] }, 'Pick the members who attended from the list.'],
    ['other_attendees', 'too long', { other_attendees: 'x'.repeat(2001) }, 'Keep the other attendees under 2,000 characters.'],
    ['ask_ids', 'not a number', { ask_ids: ['abc'] }, 'Tick the asks from the list.'],
    ['stance', 'not in the list', { stance: 'lukewarm' }, 'Choose a stance from the list.'],
    ['commitment_kinds', 'not in the list', { commitment_kinds: ['bribe'] }, 'Tick the commitments from the list.'],
    ['commitments', 'too long', { commitments: 'x'.repeat(2001) }, 'Keep the other commitments under 2,000 characters.'],
    ['notes', 'too long', { notes: 'x'.repeat(10_001) }, 'Notes can be at most 10,000 characters.'],
  ])('%s: %s', async (field, _label, change, message) => {
    await refused({ ...valid(), notes: 'Precious notes', ...change }, field, message, field === 'notes' ? [] : ['Precious notes']);
  });

  test('asks of another campaign than the one chosen', async () => {
    await refused({ ...valid(), ask_ids: [String(other.asks[0].id)] }, 'ask_ids', 'Tick only the asks of the campaign chosen above.');
  });

  test('a follow-up with a date but nothing to do, a bad due date, an unknown assignee (blank rows close up)', async () => {
    await refused({ ...valid(), ...followUpFields([{ due_on: '2030-01-01' }]) }, 'follow_ups[0][description]', 'Say what needs doing for this follow-up');
    await refused({ ...valid(), ...followUpFields([{ description: 'Call', due_on: 'soon' }]) }, 'follow_ups[0][due_on]', 'Enter a date, for example 2026-03-31', ['value="Call"', 'value="soon"']);
    await refused({ ...valid(), ...followUpFields([{}, { description: 'Call', assignee_id: 999999 }]) }, 'follow_ups[0][assignee_id]', 'Choose the person from the list.');
  });

  test('a scheduled meeting may be in the future', async () => {
    const res = await postForm(member, '/meetings/new', { ...valid(), status: 'scheduled', held_on: '2999-01-01' });
    expect(res.status).toBe(303);
    await t.db('meetings').delete();
  });

  test('several problems at once: each next to its field, and everything typed is still there', async () => {
    const typed = {
      campaign_id: String(campaign.id), official_id: '', status: 'held', held_on: '2999-12-31', format: 'virtual', location: 'Café Ô Délice',
      other_attendees: 'Jo <b>Ally</b>', ask_ids: [String(campaign.asks[0].id)], stance: 'champion', commitment_kinds: ['public'],
      commitments: 'Will table a motion', notes: 'Long notes\nsecond line', official_q: 'shanahan',
      ...followUpFields([{ description: 'Send thanks', due_on: '2030-02-01' }, { description: 'Second task' }]),
    };
    const res = await postForm(member, '/meetings/new', typed);
    expect(res.status).toBe(422);
    expect(res.text).toContain('There are 2 problems with this form');
    expect(res.text).toMatch(/id="field-held_on-error" class="field-error">A held meeting cannot be in the future/);
    for (const kept of ['value="Café Ô Délice"', 'Jo &lt;b&gt;Ally&lt;/b&gt;', 'Will table a motion', 'Long notes\nsecond line',
      'value="Send thanks"', 'value="2030-02-01"', 'value="Second task"', 'value="2999-12-31"', 'value="shanahan"']) {
      expect(res.text).toContain(kept);
    }
    expect(res.text).toMatch(/<option value="virtual" selected>/);
    expect(res.text).toMatch(/<option value="champion" selected>/);
    expect(res.text).toMatch(new RegExp(`name="ask_ids" value="${campaign.asks[0].id}" checked`));
    expect(res.text).toMatch(/name="commitment_kinds" value="public" checked/);
    // The search typed is run again, so the member can pick the official right there.
    expect(res.text).toMatch(new RegExp(`name="official_id" value="${mp.id}"`));
    expect(await meetings()).toBe(0);
  });

  test('"add another follow-up row" shows the form again with one more row and nothing lost', async () => {
    const res = await postForm(member, '/meetings/new', { ...valid(), notes: 'keep me',
      ...followUpFields([{ description: 'One' }, { description: 'Two' }, { description: 'Three' }]), add_follow_up: '1' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('name="follow_ups[3][description]"');
    expect(res.text).toContain('value="Three"');
    expect(res.text).toContain('keep me');
    expect(await meetings()).toBe(0);
  });
});
