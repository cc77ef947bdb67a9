import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser, createCampaign, createMeeting } from '../helpers/factories';
import { addTarget, createFollowUp } from '../helpers/reports.factories';
import { signIn, Agent } from '../helpers/session';
import { downloadCsv } from './download';

let t: TestApp;
let agent: Agent;
let data: Awaited<ReturnType<typeof arrange>>;

async function arrange() {
  const local = await createLocal(t.db, { name: 'Local 99 — Région de l’Outaouais' });
  const assignee = await createUser(t.db, 'member', { name: 'Émilie "Em" Gagnon, B.A.' });
  const campaign = await createCampaign(t.db, { name: 'Stable funding' }, ['Multi-year funding']);
  const otherCampaign = await createCampaign(t.db, { name: 'Other campaign' });
  const met = await createOfficial(t.db, { first_name: 'Jean-François', last_name: 'Lévesque', constituency: 'Gatineau', province: 'QC', party: 'Liberal' });
  const unmet = await createOfficial(t.db, { first_name: 'Ann', last_name: 'Abbott', constituency: 'Kenora—Kiiwetinoong', province: 'ON', party: 'NDP' });
  await addTarget(t.db, campaign.id, met.id, local.id);
  await addTarget(t.db, campaign.id, unmet.id);
  await addTarget(t.db, otherCampaign.id, met.id);
  const first = await createMeeting(t.db, { official_id: met.id, campaign_id: campaign.id, held_on: '2026-02-01', stance: 'undecided', commitment_kinds: ['public'] });
  const latest = await createMeeting(t.db, { official_id: met.id, campaign_id: campaign.id, held_on: '2026-03-05', location: 'Gatineau office', stance: 'champion', commitment_kinds: ['minister'], commitments: '+ write to the minister, "soon"' });
  await createMeeting(t.db, { official_id: met.id, campaign_id: campaign.id, held_on: '2026-04-01', status: 'scheduled' });
  await createMeeting(t.db, { official_id: met.id, campaign_id: campaign.id, held_on: '2026-03-20', status: 'held', deleted_at: new Date() });
  await createMeeting(t.db, { official_id: unmet.id, campaign_id: campaign.id, held_on: '2026-03-01', status: 'declined' });
  await createFollowUp(t.db, { meeting_id: latest.id, description: '@Em: send the\nbudget table', due_on: '2026-03-15', assignee_id: assignee.id });
  await createFollowUp(t.db, { meeting_id: first.id, description: 'Thank-you note', due_on: '2026-02-05', done_at: '2026-02-03T20:00:00Z' });
  return { local, assignee, campaign, otherCampaign, met, unmet, first, latest };
}

beforeAll(async () => {
  t = await startTestApp();
  data = await arrange();
  agent = await signIn(t.app, (await createUser(t.db, 'coordinator')).email);
});
afterAll(async () => { await t.close(); });

describe('coverage.csv', () => {
  test('one row per target: met, held meetings, last meeting, latest stance and commitments, claiming local', async () => {
    const { header, rows } = await downloadCsv(agent, `/reports/coverage.csv?campaign=${data.campaign.id}`);
    expect(header).toEqual(['Campaign', 'Honorific', 'First name', 'Last name', 'Level', 'Constituency', 'Province or territory', 'Party',
      'Met', 'Held meetings', 'Last meeting', 'Latest stance', 'Commitments at the last meeting', 'Commitment details', 'Open follow-ups', 'Claimed by local']);
    expect(rows).toEqual([
      { Campaign: 'Stable funding', Honorific: '', 'First name': 'Ann', 'Last name': 'Abbott', Level: 'Federal (House of Commons)', Constituency: 'Kenora—Kiiwetinoong',
        'Province or territory': 'Ontario', Party: 'NDP', Met: 'No', 'Held meetings': '0', 'Last meeting': '', 'Latest stance': '',
        'Commitments at the last meeting': '', 'Commitment details': '', 'Open follow-ups': '0', 'Claimed by local': '' },
      { Campaign: 'Stable funding', Honorific: '', 'First name': 'Jean-François', 'Last name': 'Lévesque', Level: 'Federal (House of Commons)', Constituency: 'Gatineau',
        'Province or territory': 'Quebec', Party: 'Liberal', Met: 'Yes', 'Held meetings': '2', 'Last meeting': '2026-03-05', 'Latest stance': 'Champion',
        'Commitments at the last meeting': 'Will write to the minister', 'Commitment details': `'+ write to the minister, "soon"`,
        'Open follow-ups': '1', 'Claimed by local': 'Local 99 — Région de l’Outaouais' },
    ]);
  });

  test('every campaign’s targets without a campaign filter; the date range narrows the meetings counted', async () => {
    const all = await downloadCsv(agent, '/reports/coverage.csv');
    expect(all.rows.map((r) => [r.Campaign, r['Last name'], r.Met])).toEqual([
      ['Other campaign', 'Lévesque', 'No'], ['Stable funding', 'Abbott', 'No'], ['Stable funding', 'Lévesque', 'Yes']]);
    const february = await downloadCsv(agent, `/reports/coverage.csv?campaign=${data.campaign.id}&to=2026-02-28&lang=fr`);
    expect(february.rows[1]).toMatchObject({ Rencontré: 'Oui', 'Rencontres tenues': '1', 'Dernière rencontre': '2026-02-01', 'Dernière position': 'Indécis' });
    const claimed = await downloadCsv(agent, `/reports/coverage.csv?local=${data.local.id}`);
    expect(claimed.rows.map((r) => r['Last name'])).toEqual(['Lévesque']);
  });
});

describe('follow-ups.csv', () => {
  test('open and done follow-ups with their meeting, official, assignee and dates', async () => {
    const { header, rows } = await downloadCsv(agent, '/reports/follow-ups.csv');
    expect(header).toEqual(['Follow-up', 'Open or done', 'Due', 'Done on', 'Assigned to', 'Meeting number', 'Meeting date', 'Status', 'Location', 'Honorific',
      'First name', 'Last name', 'Level', 'Constituency', 'Province or territory', 'Party', 'Campaign', 'Local', 'Created']);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      'Follow-up': "'@Em: send the\nbudget table", 'Open or done': 'Open', Due: '2026-03-15', 'Done on': '', 'Assigned to': 'Émilie "Em" Gagnon, B.A.',
      'Meeting number': String(data.latest.id), 'Meeting date': '2026-03-05', Status: 'Held', Location: 'Gatineau office', 'Last name': 'Lévesque', Campaign: 'Stable funding',
    });
    expect(rows[1]).toMatchObject({ 'Follow-up': 'Thank-you note', 'Open or done': 'Done', Due: '2026-02-05', 'Done on': '2026-02-03', 'Assigned to': '' });
  });

  test('filtered by their meeting, in French', async () => {
    const { rows } = await downloadCsv(agent, '/reports/follow-ups.csv?from=2026-03-01&lang=fr');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 'En cours ou fait': 'En cours', Responsable: 'Émilie "Em" Gagnon, B.A.', État: 'Tenue' });
  });
});
