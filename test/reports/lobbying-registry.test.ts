import { startTestApp, TestApp } from '../helpers/app';
import { createOfficial, createUser, createCampaign, createMeeting } from '../helpers/factories';
import { signIn, Agent } from '../helpers/session';
import { downloadCsv } from './download';

let t: TestApp;
let agent: Agent;
let data: Awaited<ReturnType<typeof arrange>>;

async function arrange() {
  const campaign = await createCampaign(t.db, { name: 'Stable funding' }, ['Multi-year funding', 'Index to inflation']);
  const bare = await createCampaign(t.db, { name: 'Child care', ask: 'Fund child care spaces' });
  const mp = await createOfficial(t.db, { first_name: 'Marie-Ève', last_name: 'Côté', constituency: 'Châteauguay—Lacolle', province: 'QC' });
  const senator = await createOfficial(t.db, { level: 'senate', jurisdiction: 'ca', first_name: 'Rosa', last_name: 'Galvez', constituency: 'Bedford', province: 'QC', party: 'Non-affiliated' });
  const mpp = await createOfficial(t.db, { level: 'provincial', jurisdiction: 'ca_on', first_name: 'Pat', last_name: 'Provincial', constituency: 'Ottawa Centre' });
  const formerMp = await createOfficial(t.db, { first_name: 'Ex', last_name: 'Member', constituency: 'Old riding', end_date: '2026-01-15' });
  const asked = await createMeeting(t.db, { official_id: mp.id, campaign_id: campaign.id, held_on: '2026-03-10', ask_ids: [campaign.asks[1].id] });
  const senate = await createMeeting(t.db, { official_id: senator.id, campaign_id: campaign.id, held_on: '2026-03-31', format: 'virtual' });
  const childCare = await createMeeting(t.db, { official_id: mp.id, campaign_id: bare.id, held_on: '2026-03-01', format: 'phone' });
  // None of these belongs in March's return.
  await createMeeting(t.db, { official_id: mpp.id, campaign_id: campaign.id, held_on: '2026-03-11' });
  await createMeeting(t.db, { official_id: mp.id, campaign_id: campaign.id, held_on: '2026-03-12', status: 'scheduled' });
  await createMeeting(t.db, { official_id: mp.id, campaign_id: campaign.id, held_on: '2026-03-13', status: 'cancelled' });
  await createMeeting(t.db, { official_id: mp.id, campaign_id: campaign.id, held_on: '2026-02-28' });
  await createMeeting(t.db, { official_id: mp.id, campaign_id: campaign.id, held_on: '2026-04-01' });
  await createMeeting(t.db, { official_id: mp.id, campaign_id: campaign.id, held_on: '2026-03-14', deleted_at: new Date() });
  await createMeeting(t.db, { official_id: formerMp.id, campaign_id: campaign.id, held_on: '2026-03-15' });
  return { asked, senate, childCare };
}

beforeAll(async () => {
  t = await startTestApp();
  data = await arrange();
  agent = await signIn(t.app, (await createUser(t.db, 'coordinator')).email);
});
afterAll(async () => { await t.close(); });

test('lists exactly the month’s held meetings with MPs and senators, in the registry’s English terms', async () => {
  const { header, rows } = await downloadCsv(agent, '/reports/lobbying-registry.csv?month=2026-03&lang=en');
  expect(header).toEqual(['Communication date', 'Designated public office holder', 'Title', 'Institution', 'Communication type',
    'Subject matter', 'Campaign', 'Local', 'Meeting number']);
  expect(rows).toEqual([
    { 'Communication date': '2026-03-01', 'Designated public office holder': 'Marie-Ève Côté', Title: 'Member of Parliament',
      Institution: 'House of Commons', 'Communication type': 'Oral and arranged communication', 'Subject matter': 'Fund child care spaces',
      Campaign: 'Child care', Local: '', 'Meeting number': String(data.childCare.id) },
    { 'Communication date': '2026-03-10', 'Designated public office holder': 'Marie-Ève Côté', Title: 'Member of Parliament',
      Institution: 'House of Commons', 'Communication type': 'Oral and arranged communication', 'Subject matter': 'Index to inflation',
      Campaign: 'Stable funding', Local: '', 'Meeting number': String(data.asked.id) },
    { 'Communication date': '2026-03-31', 'Designated public office holder': 'Rosa Galvez', Title: 'Senator',
      Institution: 'Senate of Canada', 'Communication type': 'Oral and arranged communication',
      'Subject matter': 'Multi-year funding; Index to inflation', Campaign: 'Stable funding', Local: '', 'Meeting number': String(data.senate.id) },
  ]);
});

test('in French, with the registry’s French terms', async () => {
  const { header, rows } = await downloadCsv(agent, '/reports/lobbying-registry.csv?month=2026-03&lang=fr');
  expect(header.slice(0, 6)).toEqual(['Date de la communication', 'Titulaire d’une charge publique désignée', 'Titre', 'Institution',
    'Type de communication', 'Objet']);
  expect(rows.map((r) => [r.Titre, r.Institution, r['Type de communication']])).toEqual([
    ['député', 'Chambre des communes', 'Communication orale et organisée'],
    ['député', 'Chambre des communes', 'Communication orale et organisée'],
    ['sénateur', 'Sénat du Canada', 'Communication orale et organisée'],
  ]);
});

test('a month with no such meeting gives the header alone', async () => {
  const { res, rows, header } = await downloadCsv(agent, '/reports/lobbying-registry.csv?month=2025-12');
  expect(res.headers['content-disposition']).toContain('lobbying-registry-2025-12-');
  expect(header[0]).toBe('Communication date');
  expect(rows).toEqual([]);
});
