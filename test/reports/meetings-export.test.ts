import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser, createCampaign, createMeeting } from '../helpers/factories';
import { createFollowUp } from '../helpers/reports.factories';
import { signIn, Agent } from '../helpers/session';
import { downloadCsv } from './download';

let t: TestApp;
let agent: Agent;
let data: Awaited<ReturnType<typeof arrange>>;

/** Names and notes that break naive CSV: accents, em dashes, quotes, commas, line breaks, formulas. */
async function arrange() {
  const local = await createLocal(t.db, { name: 'Section locale 1234, «Québec»' });
  const logger = await createUser(t.db, 'member', { name: 'Zoë "Zed" O’Brien', local_id: local.id });
  const helper = await createUser(t.db, 'member', { name: 'André Bélanger' });
  const mp = await createOfficial(t.db, {
    honorific: 'Hon.', first_name: 'Marie-Ève', last_name: 'Côté', constituency: 'Châteauguay—Lacolle',
    constituency_fr: 'Châteauguay—Lacolle', province: 'QC', party: 'Bloc Québécois',
  });
  const other = await createOfficial(t.db, { first_name: 'Sam', last_name: '=HYPERLINK("http://x")', constituency: 'Parry Sound—Muskoka', province: 'ON', party: 'Conservative' });
  const campaign = await createCampaign(t.db, { name: 'Funding, "stable" — now' }, ['Multi-year funding', 'Index to inflation']);
  const meeting = await createMeeting(t.db, {
    official_id: mp.id, campaign_id: campaign.id, local_id: local.id, logged_by: logger.id, status: 'held', held_on: '2026-03-10',
    format: 'constituency_office', stance: 'supportive', commitment_kinds: ['caucus', 'meet_again'],
    commitments: '-5% funding cut to be reversed', notes: 'Line one,\r\nline "two"\n@mention +1 =SUM(A1)',
    location: 'Bureau de Châteauguay', other_attendees: 'Lucie Tremblay\r\n  Marc Roy (allié)\n\nJo Smith\rAl Ng', ask_ids: campaign.asks.map((a) => a.id), attendee_ids: [logger.id, helper.id],
  });
  await createFollowUp(t.db, { meeting_id: meeting.id, description: 'Send the brief', due_on: '2026-03-20' });
  await createFollowUp(t.db, { meeting_id: meeting.id, description: 'Thank-you note', done_at: '2026-03-11T15:00:00Z' });
  await createFollowUp(t.db, { meeting_id: meeting.id, description: 'Call back' });
  const requested = await createMeeting(t.db, { official_id: other.id, status: 'requested', held_on: '2026-04-02', format: null, notes: '＝1+1' });
  await createMeeting(t.db, { official_id: other.id, status: 'held', held_on: '2026-04-03', deleted_at: new Date() });
  return { local, logger, helper, mp, other, campaign, meeting, requested };
}

beforeAll(async () => {
  t = await startTestApp();
  data = await arrange();
  agent = await signIn(t.app, (await createUser(t.db, 'coordinator')).email);
});
afterAll(async () => { await t.close(); });

test('one row per meeting, every field as entered, deleted meetings left out', async () => {
  const { rows, header } = await downloadCsv(agent, '/reports/meetings.csv?lang=en');
  expect(header).toEqual(['Meeting number', 'Date', 'Status', 'Format', 'Location', 'Honorific', 'First name', 'Last name', 'Level', 'Constituency',
    'Province or territory', 'Party', 'Campaign', 'Asks raised', 'Stance', 'Commitments', 'Commitment details', 'Attendees', 'Local',
    'Logged by', 'Open follow-ups', 'Created', 'Updated']);
  expect(rows).toHaveLength(2);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());
  expect(rows[0]).toEqual({
    'Meeting number': String(data.meeting.id), Date: '2026-03-10', Status: 'Held', Format: 'Constituency office', Location: 'Bureau de Châteauguay', Honorific: 'Hon.',
    'First name': 'Marie-Ève', 'Last name': 'Côté', Level: 'Federal (House of Commons)', Constituency: 'Châteauguay—Lacolle',
    'Province or territory': 'Quebec', Party: 'Bloc Québécois', Campaign: 'Funding, "stable" — now',
    'Asks raised': 'Multi-year funding; Index to inflation', Stance: 'Supportive', Commitments: 'Will raise it in caucus; Will meet again',
    'Commitment details': "'-5% funding cut to be reversed", Attendees: 'André Bélanger; Zoë "Zed" O’Brien; Lucie Tremblay; Marc Roy (allié); Jo Smith; Al Ng',
    Local: 'Section locale 1234, «Québec»', 'Logged by': 'Zoë "Zed" O’Brien', 'Open follow-ups': '2', Created: today, Updated: today,
  });
  expect(rows[1]).toMatchObject({
    'Meeting number': String(data.requested.id), Date: '2026-04-02', Status: 'Requested', Format: '', Location: '', 'Last name': `'=HYPERLINK("http://x")`,
    Constituency: 'Parry Sound—Muskoka', Campaign: '', 'Asks raised': '', Stance: '', Commitments: '', Attendees: '', 'Open follow-ups': '0',
  });
});

test('notes are left out unless asked for, and then neutralised but otherwise intact', async () => {
  const { header, rows } = await downloadCsv(agent, '/reports/meetings.csv?notes=1');
  expect(header[header.length - 1]).toBe('Notes');
  expect(rows[0].Notes).toBe('Line one,\r\nline "two"\n@mention +1 =SUM(A1)');
  expect(rows[1].Notes).toBe("'＝1+1");
});

test('in French: headers, statuses, formats, stances, commitments and the riding in French', async () => {
  const { header, rows } = await downloadCsv(agent, '/reports/meetings.csv?lang=fr');
  expect(header.slice(0, 4)).toEqual(['Numéro de la rencontre', 'Date', 'État', 'Forme']);
  expect(rows[0]).toMatchObject({
    État: 'Tenue', Forme: 'Bureau de circonscription', Lieu: 'Bureau de Châteauguay', Position: 'Favorable',
    Engagements: 'En parlera au caucus; Acceptera une autre rencontre', 'Province ou territoire': 'Québec',
    'Ordre de gouvernement': 'Fédéral (Chambre des communes)', Parti: 'Bloc Québécois',
  });
  expect(rows[1]).toMatchObject({ État: 'Demandée', Parti: 'Conservateur' });
});

test('the shared filters narrow the rows', async () => {
  const byProvince = await downloadCsv(agent, '/reports/meetings.csv?province=ON');
  expect(byProvince.rows.map((r) => r['Meeting number'])).toEqual([String(data.requested.id)]);
  const byDates = await downloadCsv(agent, '/reports/meetings.csv?from=2026-03-01&to=2026-03-31');
  expect(byDates.rows.map((r) => r['Meeting number'])).toEqual([String(data.meeting.id)]);
  const byCampaign = await downloadCsv(agent, `/reports/meetings.csv?campaign=${data.campaign.id}&local=${data.local.id}&party=Bloc%20Qu%C3%A9b%C3%A9cois`);
  expect(byCampaign.rows.map((r) => r['Meeting number'])).toEqual([String(data.meeting.id)]);
  const none = await downloadCsv(agent, '/reports/meetings.csv?party=Green');
  expect(none.rows).toEqual([]);
  expect(none.header[0]).toBe('Meeting number');
});

test('the language defaults to the user’s own', async () => {
  const fr = await createUser(t.db, 'coordinator');
  await t.db('users').where({ id: fr.id }).update({ language: 'fr' });
  const { header } = await downloadCsv(await signIn(t.app, fr.email), '/reports/meetings.csv');
  expect(header[0]).toBe('Numéro de la rencontre');
});
