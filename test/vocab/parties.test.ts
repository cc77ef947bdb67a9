import { startTestApp, TestApp } from '../helpers/app';
import { createCampaign, createLocal, createMeeting, createOfficial, createUser } from '../helpers/factories';
import { addTargets } from '../helpers/dashboard.factories';
import { Agent, signIn } from '../helpers/session';
import { downloadCsv } from '../reports/download';

/*
 * A party the tracker knows is named in the reader's language wherever an official's party shows:
 * lists, filters, the dashboard, the campaign pages, the meeting form and the exports; any other
 * party as stored.
 */
let t: TestApp;
let fr: { coordinator: Agent; member: Agent };
let en: Agent;
let ids: { campaign: number; meeting: number; liberal: number };

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db);
  const liberal = await createOfficial(t.db, { first_name: 'Lina', last_name: 'Libérale', party: 'Liberal', search_text: 'lina liberale' });
  const ontario = await createOfficial(t.db, { level: 'provincial', jurisdiction: 'ca_on', first_name: 'Omar', last_name: 'Ontarien', party: 'Ontario New Democratic Party', search_text: 'omar ontarien' });
  const rhino = await createOfficial(t.db, { first_name: 'Rita', last_name: 'Rhino', party: 'Parti Rhinocéros', search_text: 'rita rhino' });
  const campaign = await createCampaign(t.db, { name: 'Parties', is_default: true });
  await addTargets(t.db, campaign.id, [liberal.id, ontario.id, rhino.id]);
  const meeting = await createMeeting(t.db, { official_id: liberal.id, campaign_id: campaign.id, local_id: local.id });
  await createMeeting(t.db, { official_id: ontario.id, campaign_id: campaign.id, local_id: local.id });
  ids = { campaign: campaign.id, meeting: meeting.id, liberal: liberal.id };
  const agent = async (role: 'member' | 'coordinator', language: 'en' | 'fr') => {
    const user = await createUser(t.db, role, { local_id: local.id });
    await t.db('users').where({ id: user.id }).update({ language });
    return signIn(t.app, user.email);
  };
  fr = { coordinator: await agent('coordinator', 'fr'), member: await agent('member', 'fr') };
  en = await agent('coordinator', 'en');
});
afterAll(async () => { await t.close(); });

/** The pages that show an official's party; :meeting, :liberal and :campaign stand for the rows made above. */
const PAGES = [
  ['the meeting list (filter and rows)', '/meetings'],
  ['a meeting', '/meetings/:meeting'],
  ['the meeting form’s official', '/meetings/new?official=:liberal'],
  ['the meeting form’s search', '/meetings/official-choices?q=lina'],
  ['the dashboard (filter, coverage by party, worklist)', '/dashboard?campaign=:campaign'],
  ['the reports’ filter', '/reports'],
  ['the campaign’s targets', '/campaigns/:campaign'],
  ['the add-targets search', '/campaigns/:campaign/targets?q=lina'],
  ['the directory', '/officials'],
];
/** What a reader sees of a page: its text, not the values its filters send (the party as stored). */
const visible = (html: string) => html.replace(/<[^>]*>/g, ' ');
const address = (path: string) => path.replace(/:(meeting|liberal|campaign)/, (_m, key: keyof typeof ids) => String(ids[key]));

describe.each(PAGES)('%s', (_name, path) => {
  test('in French, says “Libéral”, never “Liberal”', async () => {
    const agent = path.startsWith('/campaigns') || path === '/reports' ? fr.coordinator : fr.member;
    const page = visible((await agent.get(address(path)).expect(200)).text);
    expect(page).toContain('Libéral');
    expect(page).not.toMatch(/\bLiberal\b/);
  });

  test('in English, says “Liberal”', async () => {
    expect((await en.get(address(path)).expect(200)).text).toMatch(/\bLiberal\b/);
  });
});

test('a known provincial party is translated, an unknown one shown as stored', async () => {
  const page = visible((await fr.coordinator.get(`/dashboard?campaign=${ids.campaign}`).expect(200)).text);
  expect(page).toContain('NPD de l’Ontario');
  expect(page).not.toContain('Ontario New Democratic Party');
  expect(page).toContain('Parti Rhinocéros');
  expect((await en.get(`/dashboard?campaign=${ids.campaign}`).expect(200)).text).toContain('Ontario NDP');
});

test('the filters still pick the party as stored', async () => {
  const page = (await fr.member.get('/meetings').expect(200)).text;
  expect(page).toContain('<option value="Liberal">Libéral</option>');
  expect(page).toContain('<option value="Ontario New Democratic Party">NPD de l’Ontario</option>');
  const list = (await fr.member.get('/meetings?party=Liberal').expect(200)).text;
  expect(list).toContain('Libérale');
  expect(list).not.toContain('Ontarien');
});

test.each(['meetings', 'coverage', 'follow-ups'])('the %s export with lang=fr names the parties in French', async (report) => {
  const { header, rows } = await downloadCsv(fr.coordinator, `/reports/${report}.csv?lang=fr`);
  expect(header).toContain('Parti');
  const parties = new Set(rows.map((r) => r.Parti));
  if (report !== 'follow-ups') expect(parties).toContain('Libéral');
  expect(parties).not.toContain('Liberal');
  if (report === 'coverage') expect([...parties].sort()).toEqual(['Libéral', 'NPD de l’Ontario', 'Parti Rhinocéros']);
});
