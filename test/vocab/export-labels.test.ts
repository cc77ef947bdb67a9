import { startTestApp, TestApp } from '../helpers/app';
import { createCampaign, createMeeting, createOfficial, createUser } from '../helpers/factories';
import { addTarget, createFollowUp } from '../helpers/reports.factories';
import { Agent, signIn } from '../helpers/session';
import { downloadCsv } from '../reports/download';
import { COMMITMENT_KINDS, LEVELS, MEETING_FORMATS, MEETING_STATUSES, PROVINCES, STANCES } from '../../src/vocab/vocab';

/*
 * Every export writes a code (status, format, stance, commitment, level, province) and a party with
 * the words the pages use for it: the meeting form's and the directory's options, in both languages.
 */
let t: TestApp;
const agents: Record<'en' | 'fr', Agent> = {} as Record<'en' | 'fr', Agent>;
const JURISDICTION: Record<string, string> = { federal: 'ca', senate: 'ca', provincial: 'ca_on', territorial: 'ca_yt', municipal: 'ca_on_toronto' };
const PARTIES = ['Liberal', 'Conservative', 'NDP', 'Bloc Québécois', 'Green Party', 'Independent', 'New Democratic Party of Ontario', 'Parti Rhinocéros'];
/** What each meeting was logged with, by its number in the exports. */
const logged = new Map<string, { status: string; format: string; stance: string; kind: string; level: string; province: string; party: string }>();

beforeAll(async () => {
  t = await startTestApp();
  const campaign = await createCampaign(t.db, { name: 'Labels' });
  // One official per province, every level, status, format, stance, commitment and party taken in turn.
  for (const [i, province] of PROVINCES.entries()) {
    const level = LEVELS[i % LEVELS.length];
    const party = PARTIES[i % PARTIES.length];
    const official = await createOfficial(t.db, { level, jurisdiction: JURISDICTION[level], province, party });
    await addTarget(t.db, campaign.id, official.id);
    const row = { status: MEETING_STATUSES[i % 5], format: MEETING_FORMATS[i % 5], stance: STANCES[i % STANCES.length], kind: COMMITMENT_KINDS[i % 4] };
    const meeting = await createMeeting(t.db, {
      official_id: official.id, campaign_id: campaign.id, status: row.status, format: row.format, stance: row.stance, commitment_kinds: [row.kind],
    });
    await createFollowUp(t.db, { meeting_id: meeting.id, description: `Follow-up ${i}` });
    logged.set(String(meeting.id), { ...row, level, province, party });
  }
  for (const lang of ['en', 'fr'] as const) {
    const user = await createUser(t.db, 'coordinator');
    await t.db('users').where({ id: user.id }).update({ language: lang });
    agents[lang] = await signIn(t.app, user.email);
  }
});
afterAll(async () => { await t.close(); });

const unescape = (s: string) => s.replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();

/** A select's options on a page, code to label, the blank one left out. */
function options(html: string, selectId: string): Map<string, string> {
  const select = new RegExp(`<select id="${selectId}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  if (!select) throw new Error(`No select #${selectId}`);
  return new Map([...select[1].matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].filter((m) => m[1]).map((m) => [unescape(m[1]), unescape(m[2])]));
}

/** The words of the meeting form and of the directory's filters, as a member reading `lang` sees them. */
async function pageWords(agent: Agent) {
  const form = (await agent.get('/meetings/new').expect(200)).text;
  const directory = (await agent.get('/officials?status=all').expect(200)).text;
  const commitment = new Map([...form.matchAll(/name="commitment_kinds" value="([^"]+)"[^>]*> ([^<]+)<\/label>/g)].map((m) => [m[1], unescape(m[2])]));
  return {
    status: options(form, 'field-status'), format: options(form, 'field-format'), stance: options(form, 'field-stance'), commitment,
    level: options(directory, 'field-level'), province: options(directory, 'field-province'), party: options(directory, 'field-party'),
  };
}

describe.each(['en', 'fr'] as const)('in %s', (lang) => {
  let words: Awaited<ReturnType<typeof pageWords>>;
  beforeAll(async () => { words = await pageWords(agents[lang]); });

  test('the form and the directory offer exactly the module’s codes, in its order', () => {
    expect([...words.status.keys()]).toEqual([...MEETING_STATUSES]);
    expect([...words.format.keys()]).toEqual([...MEETING_FORMATS]);
    expect([...words.stance.keys()]).toEqual([...STANCES]);
    expect([...words.commitment.keys()]).toEqual([...COMMITMENT_KINDS]);
    expect([...words.level.keys()]).toEqual([...LEVELS]);
    expect([...words.province.keys()]).toEqual([...PROVINCES]);
  });

  const columns = lang === 'en'
    ? { number: 'Meeting number', status: 'Status', format: 'Format', stance: 'Stance', kinds: 'Commitments', level: 'Level', province: 'Province or territory', party: 'Party',
      latestStance: 'Latest stance', latestKinds: 'Commitments at the last meeting', lastName: 'Last name' }
    : { number: 'Numéro de la rencontre', status: 'État', format: 'Forme', stance: 'Position', kinds: 'Engagements', level: 'Ordre de gouvernement', province: 'Province ou territoire', party: 'Parti',
      latestStance: 'Dernière position', latestKinds: 'Engagements à la dernière rencontre', lastName: 'Nom de famille' };

  test('the meetings export writes every code and party with the form’s and the directory’s words', async () => {
    const { rows } = await downloadCsv(agents[lang], `/reports/meetings.csv?lang=${lang}`);
    expect(rows).toHaveLength(logged.size);
    for (const row of rows) {
      const m = logged.get(row[columns.number])!;
      expect([row[columns.status], row[columns.format], row[columns.stance], row[columns.kinds], row[columns.level], row[columns.province], row[columns.party]]).toEqual([
        words.status.get(m.status), words.format.get(m.format), words.stance.get(m.stance), words.commitment.get(m.kind),
        words.level.get(m.level), words.province.get(m.province), words.party.get(m.party),
      ]);
    }
  });

  test('the coverage export writes the latest stance, commitments, level, province and party with the same words', async () => {
    const { rows } = await downloadCsv(agents[lang], `/reports/coverage.csv?lang=${lang}`);
    expect(rows).toHaveLength(logged.size);
    // One target per province: the province names the row.
    const byProvince = new Map([...logged.values()].map((m) => [words.province.get(m.province), m]));
    for (const row of rows) {
      const m = byProvince.get(row[columns.province])!;
      const held = m.status === 'held';
      expect([row[columns.level], row[columns.party], row[columns.latestStance], row[columns.latestKinds]]).toEqual([
        words.level.get(m.level), words.party.get(m.party), held ? words.stance.get(m.stance) : '', held ? words.commitment.get(m.kind) : '',
      ]);
    }
  });

  test('the follow-ups export writes the meeting’s status, level, province and party with the same words', async () => {
    const { rows } = await downloadCsv(agents[lang], `/reports/follow-ups.csv?lang=${lang}`);
    expect(rows).toHaveLength(logged.size);
    for (const row of rows) {
      const m = logged.get(row[columns.number])!;
      expect([row[columns.status], row[columns.level], row[columns.province], row[columns.party]]).toEqual([
        words.status.get(m.status), words.level.get(m.level), words.province.get(m.province), words.party.get(m.party),
      ]);
    }
  });
});
