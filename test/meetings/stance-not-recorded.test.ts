import { startTestApp, TestApp } from '../helpers/app';
import { createCampaign, createLocal, createMeeting, createOfficial, createUser } from '../helpers/factories';
import { Agent, postForm, signIn, switchLanguage } from '../helpers/session';
import { today } from '../../src/shared/validation';
import { up as retireUnknown } from '../../migrations/20261207000000_retire_unknown_stance';

/* "No stance" is said one way: NULL, shown as "Not recorded"; the retired `unknown` is refused everywhere. */
let t: TestApp;
let member: Agent;
let coordinator: Agent;
let official: Awaited<ReturnType<typeof createOfficial>>;
let campaign: Awaited<ReturnType<typeof createCampaign>>;

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db);
  const mona = await createUser(t.db, 'member', { local_id: local.id });
  const coco = await createUser(t.db, 'coordinator');
  official = await createOfficial(t.db);
  campaign = await createCampaign(t.db, { is_default: true });
  member = await signIn(t.app, mona.email);
  coordinator = await signIn(t.app, coco.email);
});
afterAll(async () => { await t.close(); });

const stanceOptions = (html: string) => {
  const select = /<select id="field-stance"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1];
  return [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]]);
};

test('the form offers one "Not recorded" choice and no "Unknown", in English and French', async () => {
  const page = await member.get('/meetings/new').expect(200);
  expect(stanceOptions(page.text)).toEqual([['', 'Not recorded'], ['champion', 'Champion'], ['supportive', 'Supportive'],
    ['undecided', 'Undecided'], ['opposed', 'Opposed']]);
  const fr = await signIn(t.app, (await createUser(t.db, 'member')).email);
  await switchLanguage(fr, 'fr');
  const french = stanceOptions((await fr.get('/meetings/new').expect(200)).text);
  expect(french.map(([, label]) => label)).not.toContain('Inconnue');
  expect(french[0]).toEqual(['', 'Non précisé']);
  expect(french).toHaveLength(5);
});

test('a meeting posted with stance "unknown" is refused next to the field and nothing is saved; left blank, it is saved as not recorded', async () => {
  const fields = { campaign_id: String(campaign.id), official_id: String(official.id), status: 'held', held_on: today(), notes: 'kept' };
  const refused = await postForm(member, '/meetings/new', { ...fields, stance: 'unknown' });
  expect(refused.status).toBe(422);
  expect(refused.text).toContain('Choose a stance from the list.');
  expect(refused.text).toContain('kept');
  expect(await t.db('meetings').where({ notes: 'kept' }).count('* as n').first()).toEqual({ n: '0' });
  const saved = await postForm(member, '/meetings/new', { ...fields, stance: '' });
  expect(saved.status).toBe(303);
  expect(await t.db('meetings').where({ notes: 'kept' }).pluck('stance')).toEqual([null]);
});

test('an old link filtering on stance=unknown is a 422 with a plain message, not a crash: the meetings list and the dashboard targets', async () => {
  const list = await coordinator.get('/meetings?stance=unknown');
  expect(list.status).toBe(422);
  expect(list.text).toContain('Choose a stance from the list.');
  const targets = await coordinator.get(`/dashboard/targets?campaign=${campaign.id}&stance=unknown`);
  expect(targets.status).toBe(422);
  expect(targets.text).toContain('Choose a stance from the list.');
  await coordinator.get(`/dashboard/targets?campaign=${campaign.id}&stance=none`).expect(200);
});

// Last: it drops and rebuilds this file's constraints.
test('the migration turns a stored "unknown" into not recorded, the official keeps the stance recorded before, and the check refuses "unknown"', async () => {
  await t.db.raw('ALTER TABLE meetings DROP CONSTRAINT meetings_stance_check');
  await t.db.raw('ALTER TABLE official_tallies DROP CONSTRAINT official_tallies_stance_check');
  const other = await createOfficial(t.db);
  const before = await createMeeting(t.db, { official_id: other.id, campaign_id: campaign.id, held_on: '2026-02-01', stance: 'supportive' });
  const later = await createMeeting(t.db, { official_id: other.id, campaign_id: campaign.id, held_on: '2026-03-01', stance: 'unknown' });
  expect(await t.db('official_tallies').where({ official_id: other.id }).pluck('stance')).toContain('unknown');

  await retireUnknown(t.db);

  expect(await t.db('meetings').whereIn('id', [before.id, later.id]).orderBy('id').pluck('stance')).toEqual(['supportive', null]);
  expect(await t.db('official_tallies').where({ official_id: other.id }).whereNotNull('stance').distinct().pluck('stance')).toEqual(['supportive']);
  await expect(t.db('meetings').where({ id: before.id }).update({ stance: 'unknown' })).rejects.toMatchObject({ constraint: 'meetings_stance_check' });
});
