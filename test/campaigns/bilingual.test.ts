import { startTestApp, TestApp } from '../helpers/app';
import { createCampaign, createLocal, createMeeting, createOfficial, createUser } from '../helpers/factories';
import { addTarget, createFollowUp } from '../helpers/reports.factories';
import { Agent, postForm, signIn } from '../helpers/session';
import { downloadCsv } from '../reports/download';

/*
 * A campaign's name, ask, goal and asks are written in English and French; each reader sees their
 * own language everywhere the campaign's text shows, and the other one, marked, where a text has
 * no version in theirs.
 */
let t: TestApp;
let coordinator: { en: Agent; fr: Agent };
let member: { en: Agent; fr: Agent };
let mp: { id: number };
let campaignId: number;
let meetingId: number;
let localId: number;

const FORM = {
  name: 'Fund community services', name_fr: 'Financer les services communautaires',
  ask: 'Targeted, stable funding', ask_fr: 'Un financement ciblé et stable',
  goal: 'Meet every MP', goal_fr: 'Rencontrer chaque député', starts_on: '2026-01-05', ends_on: '2026-12-31', goal_date: '2026-11-30',
  active: 'on', is_default: 'on',
  'asks[0][text]': 'Multi-year funding', 'asks[0][text_fr]': 'Un financement pluriannuel', 'asks[0][position]': '1',
  'asks[1][text]': 'Index to inflation', 'asks[1][text_fr]': '', 'asks[1][position]': '2',
};

async function signedIn(role: 'member' | 'coordinator', language: 'en' | 'fr', localId: number) {
  const user = await createUser(t.db, role, { local_id: localId });
  await t.db('users').where({ id: user.id }).update({ language });
  return signIn(t.app, user.email);
}

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db, { name: 'Local 42' });
  localId = local.id;
  coordinator = { en: await signedIn('coordinator', 'en', local.id), fr: await signedIn('coordinator', 'fr', local.id) };
  member = { en: await signedIn('member', 'en', local.id), fr: await signedIn('member', 'fr', local.id) };
  mp = await createOfficial(t.db, { first_name: 'Marie', last_name: 'Tremblay', constituency: 'Gatineau', level: 'federal' });
});
afterAll(async () => { await t.close(); });

describe('the campaign form', () => {
  test('asks for each text in both languages and keeps both when it refuses the form', async () => {
    const blank = await coordinator.en.get('/campaigns/new').expect(200);
    for (const field of ['name_fr', 'ask_fr', 'goal_fr', 'asks[0][text_fr]']) expect(blank.text).toContain(`name="${field}"`);
    expect(blank.text).toContain('Name in French');
    expect((await coordinator.fr.get('/campaigns/new').expect(200)).text).toContain('Nom en français');

    const refused = await postForm(coordinator.en, '/campaigns/new', { ...FORM, name: '' });
    expect(refused.status).toBe(422);
    for (const value of [FORM.name_fr, FORM.ask_fr, FORM.goal_fr, 'Un financement pluriannuel']) expect(refused.text).toContain(value);
    expect(await t.db('campaigns').count('* as n').first()).toEqual({ n: '0' });
  });

  test('saves both versions; the French may be left empty', async () => {
    const res = await postForm(coordinator.en, '/campaigns/new', FORM);
    expect(res.status).toBe(303);
    const campaign = await t.db('campaigns').first();
    campaignId = campaign.id;
    expect(campaign).toMatchObject({ name: FORM.name, name_fr: FORM.name_fr, ask_fr: FORM.ask_fr, goal_fr: FORM.goal_fr });
    expect(await t.db('campaign_asks').where({ campaign_id: campaign.id }).orderBy('position').select('text', 'text_fr')).toEqual([
      { text: 'Multi-year funding', text_fr: 'Un financement pluriannuel' }, { text: 'Index to inflation', text_fr: '' }]);
    const edit = await coordinator.en.get(`/campaigns/${campaign.id}/edit`).expect(200);
    expect(edit.text).toContain(`value="${FORM.name_fr}"`);
    expect(edit.text).toContain('value="Un financement pluriannuel"');
  });

  test('a French text over its limit is refused like the English one', async () => {
    const res = await postForm(coordinator.en, '/campaigns/new', { ...FORM, is_default: '', name_fr: 'x'.repeat(201) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('href="#field-name_fr"');
  });
});

describe('what members see', () => {
  beforeAll(async () => {
    const asks = await t.db('campaign_asks').where({ campaign_id: campaignId }).orderBy('position').pluck('id');
    await addTarget(t.db, campaignId, mp.id);
    const meeting = await createMeeting(t.db, { official_id: mp.id, campaign_id: campaignId, local_id: localId, held_on: '2026-03-10', ask_ids: asks });
    meetingId = meeting.id;
    await createFollowUp(t.db, { meeting_id: meeting.id, description: 'Send the brief' });
  });

  // What members of the meeting's local see; :meeting and :official stand for the rows made above.
  const PAGES: [string, string, string[]][] = [
    ['the meeting form (campaign and asks)', '/meetings/new', ['Un financement pluriannuel', 'Index to inflation (anglais)']],
    ['a meeting (campaign and asks raised)', '/meetings/:meeting', ['Un financement pluriannuel · Index to inflation (anglais)']],
    ['the meeting list’s filter', '/meetings', []],
    ['the dashboard (heading, goal, filter)', '/dashboard', ['Rencontrer chaque député']],
    ['the official’s page (claims)', '/officials/:official', []],
  ];
  const address = (path: string) => path.replace(':meeting', String(meetingId)).replace(':official', String(mp.id));

  describe.each(PAGES)('%s', (_name, path, more) => {
    test('in French shows the French text, with the English marked where there is none', async () => {
      const page = (await member.fr.get(address(path)).expect(200)).text;
      expect(page).toContain('Financer les services communautaires');
      expect(page).not.toContain('Fund community services');
      expect(page).not.toContain('Multi-year funding');
      for (const text of more) expect(page).toContain(text);
    });

    test('in English shows the English text', async () => {
      const page = (await member.en.get(address(path)).expect(200)).text;
      expect(page).toContain('Fund community services');
      expect(page).not.toContain('Financer les services communautaires');
    });
  });

  test('a campaign without French shows its English to a French reader, marked “(anglais)”', async () => {
    const english = await createCampaign(t.db, { name: 'English only', goal: 'Meet them all' }, ['Only in English']);
    const page = (await member.fr.get(`/dashboard?campaign=${english.id}`).expect(200)).text;
    expect(page).toContain('English only (anglais)');
    expect(page).toContain('Meet them all (anglais)');
    expect((await member.en.get(`/dashboard?campaign=${english.id}`).expect(200)).text).not.toContain('(English)');
  });

  test('the campaign pages show a coordinator their own language', async () => {
    const list = (await coordinator.fr.get('/campaigns').expect(200)).text;
    expect(list).toContain('Financer les services communautaires');
    const show = (await coordinator.fr.get(`/campaigns/${campaignId}`).expect(200)).text;
    for (const text of [FORM.name_fr, FORM.ask_fr, FORM.goal_fr, 'Un financement pluriannuel', 'Index to inflation (anglais)']) expect(show).toContain(text);
    expect((await coordinator.en.get(`/campaigns/${campaignId}`).expect(200)).text).toContain('Multi-year funding');
  });
});

describe('the exports', () => {
  test('with lang=fr, the campaign’s name and asks are in French, an untranslated ask marked', async () => {
    const meetings = await downloadCsv(coordinator.en, `/reports/meetings.csv?lang=fr&campaign=${campaignId}`);
    expect(meetings.rows).toEqual([expect.objectContaining({
      Campagne: 'Financer les services communautaires', 'Demandes abordées': 'Un financement pluriannuel; Index to inflation (anglais)' })]);
    const coverage = await downloadCsv(coordinator.en, `/reports/coverage.csv?lang=fr&campaign=${campaignId}`);
    expect(coverage.rows.map((r) => r.Campagne)).toEqual(['Financer les services communautaires']);
    const followUps = await downloadCsv(coordinator.en, `/reports/follow-ups.csv?lang=fr&campaign=${campaignId}`);
    expect(followUps.rows.map((r) => r.Campagne)).toEqual(['Financer les services communautaires']);
    const registry = await downloadCsv(coordinator.en, '/reports/lobbying-registry.csv?lang=fr&month=2026-03');
    expect(registry.rows).toEqual([expect.objectContaining({ Campagne: 'Financer les services communautaires', Objet: 'Un financement pluriannuel; Index to inflation (anglais)' })]);
  });

  test('with lang=en, the English', async () => {
    const { rows } = await downloadCsv(coordinator.fr, `/reports/meetings.csv?lang=en&campaign=${campaignId}`);
    expect(rows).toEqual([expect.objectContaining({ Campaign: 'Fund community services', 'Asks raised': 'Multi-year funding; Index to inflation' })]);
  });

  test('the language defaults to the reader’s own', async () => {
    const { rows } = await downloadCsv(coordinator.fr, `/reports/meetings.csv?campaign=${campaignId}`);
    expect(rows[0].Campagne).toBe('Financer les services communautaires');
  });
});
