import { startTestApp, TestApp } from '../helpers/app';
import { addTargets, day } from '../helpers/dashboard.factories';
import { createCampaign, createOfficial, createUser } from '../helpers/factories';
import { createFigureWorld, FigureWorld } from '../helpers/figures.factories';
import { Agent, signIn } from '../helpers/session';

let t: TestApp;
let w: FigureWorld;
let coordinator: Agent;
let empty: number;

/** The visible text of a section of the dashboard, from its heading's id. */
const section = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}"`);
  return html.slice(start, html.indexOf('</section>', start)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').replace(/^id="[^"]*">\s*/, '').trim();
};

beforeAll(async () => {
  t = await startTestApp();
  w = await createFigureWorld(t.db);
  coordinator = await signIn(t.app, w.coordinator.email);
  empty = (await createCampaign(t.db, { name: 'Not started', starts_on: day(-3), ends_on: day(90) })).id;
  await addTargets(t.db, empty, [(await createOfficial(t.db, { province: 'NS', party: 'Green' })).id]);
});
afterAll(async () => { await t.close(); });

describe('the charts keep their tables', () => {
  test('stances: the recorded ones as a chart and table; the targets with none as a number that opens them', async () => {
    const html = (await coordinator.get('/dashboard').expect(200)).text;
    expect(section(html, 'stances')).toBe('Where the targets stand Each target’s stance after their latest meeting that recorded one. '
      + 'Where the targets stand Stance Targets Champion 2 Supportive 0 Undecided 1 Opposed 1 5 targets with no stance recorded yet');
    expect(html).toContain(`href="/dashboard/targets?campaign=${w.campaignId}&amp;stance=none">5 targets with no stance recorded yet</a>`);
    expect(html).toMatch(/<table class="chart-data" data-chart="bar" id="stances-table">/);
    expect(html).toMatch(/<table class="chart-data" data-chart="line" id="weekly-table">/);
    // Coverage is a bar per row in its own table, not a chart drawn over it.
    expect(html).toMatch(/<table class="coverage" id="coverage-party-table">/);
    expect(section(html, 'coverage-party')).toContain('Bloc Québécois 1 of 2 50% Conservative 1 of 2 50% Liberal 2 of 3 67% NDP 1 of 2 50%');
  });

  test('in French', async () => {
    const html = (await coordinator.get('/dashboard').set('Accept-Language', 'fr-CA').expect(200)).text;
    expect(section(html, 'stances')).toContain('Championne ou champion 2 Favorable 0 Indécis 1 Opposé 1 5 cibles sans position notée');
    expect(section(html, 'coverage-province')).toContain('Colombie-Britannique 1 sur 2 50 %');
    expect(section(html, 'headline-heading')).toMatch(/Au rythme actuel \(5 cibles rencontrées depuis le \d+ \S+ \d{4}\), toutes les cibles auront été rencontrées d’ici le \d+ \S+ \d{4}\./);
  });
});

describe('a view without meetings says so in words, not empty axes', () => {
  test('a campaign with none yet', async () => {
    const html = (await coordinator.get(`/dashboard?campaign=${empty}`).expect(200)).text;
    expect(section(html, 'weekly')).toBe('Meetings per week No meeting has been logged in this campaign yet.');
    expect(section(html, 'stances')).toBe('Where the targets stand No meeting has been logged in this campaign yet. 1 target with no stance recorded yet');
    expect(html).not.toContain('class="chart-data"');
    expect(section(html, 'coverage-province')).toContain('Nova Scotia 0 of 1 0%');
  });

  test('in French', async () => {
    const html = (await coordinator.get(`/dashboard?campaign=${empty}`).set('Accept-Language', 'fr-CA').expect(200)).text;
    expect(section(html, 'weekly')).toBe('Rencontres par semaine Aucune rencontre n’a encore été consignée dans cette campagne.');
    expect(section(html, 'headline-heading')).toContain('Pour toutes les rencontrer d’ici là, il faudrait environ 1 cible de plus par semaine à partir de maintenant.');
  });

  test('a member’s local with none, and filters that leave none', async () => {
    const quiet = await createUser(t.db, 'member', { local_id: w.locals[2].id });
    const html = (await (await signIn(t.app, quiet.email)).get('/dashboard').expect(200)).text;
    expect(section(html, 'weekly')).toBe('Meetings per week Your local has not logged a meeting in this campaign yet.');
    const filtered = (await coordinator.get(`/dashboard?party=NDP&local=${w.locals[0].id}`).expect(200)).text;
    expect(section(filtered, 'weekly')).toBe('Meetings per week No meeting logged for these filters yet.');
  });

  test('weeks with meetings, none of them held, requested or scheduled', async () => {
    const html = (await coordinator.get(`/dashboard?from=${day(-12)}&to=${day(-12)}`).expect(200)).text;
    expect(section(html, 'weekly')).toBe('Meetings per week No meeting held, requested or scheduled in these weeks.');
  });
});
