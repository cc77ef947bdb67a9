import { startTestApp, TestApp } from '../helpers/app';
import { day } from '../helpers/dashboard.factories';
import { createFigureWorld, FigureWorld } from '../helpers/figures.factories';
import { Agent, signIn } from '../helpers/session';

let t: TestApp;
let w: FigureWorld;
let coordinator: Agent;

const unescape = (s: string) => s.replace(/&amp;/g, '&');
/** Each tag: what it says, and where its link goes (none for a tag that stays). */
const tags = (html: string) => [...html.matchAll(/<(a|span) class="filter-tag"(?: href="([^"]*)")?[^>]*>([^<]*)/g)]
  .map((m) => ({ says: m[3].trim(), href: m[2] && unescape(m[2]) }));
const count = (html: string) => /<p class="filter-count">([^<]*)<\/p>/.exec(html)?.[1];

beforeAll(async () => {
  t = await startTestApp();
  w = await createFigureWorld(t.db);
  coordinator = await signIn(t.app, w.coordinator.email);
});
afterAll(async () => { await t.close(); });

describe('the meeting list says which filters made it, each removable, and how many meetings they give', () => {
  const from = day(-30), to = day(0);
  const url = () => `/meetings?campaign=${w.campaignId}&status=requested,scheduled&province=ON&local=${w.locals[0].id}&from=${from}&to=${to}`;

  test('in English: the campaign, statuses, province, local and period, each a link to the list without it', async () => {
    const html = (await coordinator.get(url()).expect(200)).text;
    const got = tags(html);
    expect(got.map((g) => g.says)).toEqual([
      'Campaign: Fund community services', 'Status: Requested or Scheduled', 'Province or territory: Ontario', 'Local: Local A',
      expect.stringMatching(/^Period: \w+ \d+, \d{4} to \w+ \d+, \d{4}$/),
    ]);
    const base = `/meetings?campaign=${w.campaignId}&province=ON&status=requested%2Cscheduled&local=${w.locals[0].id}&from=${from}&to=${to}`;
    expect(got[1].href).toBe(base.replace('&status=requested%2Cscheduled', ''));
    expect(got[4].href).toBe(base.replace(`&from=${from}&to=${to}`, ''));
    expect(count(html)).toBe('1 meeting');
    // The combination stays chosen in the form.
    expect(html).toMatch(/<option value="requested,scheduled" selected>Requested or Scheduled<\/option>/);
  });

  test('following a tag’s link removes that filter only', async () => {
    const html = (await coordinator.get(url()).expect(200)).text;
    const withoutStatus = (await coordinator.get(tags(html)[1].href).expect(200)).text;
    expect(tags(withoutStatus).map((g) => g.says)).not.toContain('Status: Requested or Scheduled');
    expect(count(withoutStatus)).toBe('6 meetings');
  });

  test('in French', async () => {
    const html = (await coordinator.get(url()).set('Accept-Language', 'fr-CA').expect(200)).text;
    expect(tags(html).map((g) => g.says)).toEqual([
      'Campagne : Fund community services (anglais)', 'Statut : Demandée ou Prévue', 'Province ou territoire : Ontario', 'Section locale : Local A',
      expect.stringMatching(/^Période : du \d+ \S+ \d{4} au \d+ \S+ \d{4}$/),
    ]);
    expect(count(html)).toBe('1 rencontre');
  });

  test('a filter that is its own label, and no tag at all without filters', async () => {
    const mine = (await coordinator.get('/meetings?mine=1').expect(200)).text;
    expect(tags(mine)).toEqual([{ says: 'Only meetings I logged or attended', href: '/meetings' }]);
    const all = (await coordinator.get('/meetings').expect(200)).text;
    expect(tags(all)).toEqual([]);
    expect(count(all)).toBe('15 meetings');
  });

  test('a status list with one bad status is refused, not half applied', async () => {
    const res = await coordinator.get('/meetings?status=held,bogus').expect(422);
    expect(res.text).toContain('Choose a status from the list.');
  });
});
