import { startTestApp, TestApp } from '../helpers/app';
import { day } from '../helpers/dashboard.factories';
import { createFigureWorld, FigureWorld } from '../helpers/figures.factories';
import { Agent, signIn } from '../helpers/session';

/*
 * Every number of the dashboard that links to a list, followed: the list's count must equal the
 * figure. As a coordinator and as a member, for the whole campaign, each province, party and local
 * of the fixtures, a period, and a combination. A thousand requests or so: this file runs on the
 * real PostgreSQL only (TEST_DATABASE_URL), so that the suite on the embedded database, which CI
 * also runs, stays within its time; the figures and lists are the same SQL on both.
 */
const onPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&#34;/g, '"');
const digits = (s: string) => Number(s.replace(/\D/g, ''));

/** The links of a page whose text holds a number: [href, the number, the link's text]. */
export function figureLinks(html: string): { href: string; figure: number; text: string }[] {
  return [...html.matchAll(/<a href="(\/(?:meetings|dashboard\/targets|dashboard\/officials-met|follow-ups)\?[^"]*)"[^>]*>([\s\S]*?)<\/a>/g)]
    .map(([, href, inner]) => ({ href: unescape(href), text: inner.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() }))
    .filter((l) => /\d/.test(l.text))
    .map((l) => ({ ...l, figure: digits(/[\d\s\u202f\u00a0,]*\d/.exec(l.text)![0]) }));
}

/** The count a list states above its rows. */
export function listCount(html: string): number {
  const found = /<p class="filter-count">([^<]*)<\/p>/.exec(html);
  if (!found) throw new Error('no count on the list');
  return digits(found[1]);
}

onPostgres('every figure of the dashboard opens a list of exactly that many', () => {
  let t: TestApp;
  let w: FigureWorld;
  let agents: { coordinator: Agent; member: Agent };
  const counts = new Map<string, number>();

  beforeAll(async () => {
    t = await startTestApp();
    w = await createFigureWorld(t.db);
    agents = { coordinator: await signIn(t.app, w.coordinator.email), member: await signIn(t.app, w.member.email) };
  });
  afterAll(async () => { await t.close(); });

  /** Each view's dashboard, then each of its figure links; the count of a list already seen is read once. */
  async function walk(who: 'coordinator' | 'member', filters: Record<string, string | number>) {
    const agent = agents[who];
    const qs = new URLSearchParams(Object.entries({ campaign: w.campaignId, ...filters }).map(([k, v]) => [k, String(v)]));
    const html = (await agent.get(`/dashboard?${qs}`).expect(200)).text;
    const links = figureLinks(html);
    const wrong: string[] = [];
    for (const link of links) {
      const key = `${who} ${link.href}`;
      if (!counts.has(key)) {
        const list = await agent.get(link.href);
        counts.set(key, list.status === 200 ? listCount(list.text) : -list.status);
      }
      if (counts.get(key) !== link.figure) wrong.push(`${qs}: "${link.text}" → ${link.href} lists ${counts.get(key)}`);
    }
    expect(wrong).toEqual([]);
    return links;
  }

  const single = (): Record<string, string>[] => [
    ...w.provinces.map((province) => ({ province })),
    ...w.parties.map((party) => ({ party })),
    { from: day(-21), to: day(-7) },
    { to: day(-10) },
    { from: day(-10) },
  ];

  test('as a coordinator, the whole campaign: every figure', async () => {
    const links = await walk('coordinator', {});
    // The headline, both coverage tables, the stances, the weeks, the locals and the worklist: all there.
    for (const path of ['/dashboard/targets', '/dashboard/officials-met', '/meetings', '/follow-ups']) {
      expect(links.some((l) => l.href.startsWith(path))).toBe(true);
    }
    expect(links.length).toBeGreaterThan(40);
  });

  test('as a coordinator, each province, party and period', async () => {
    for (const filters of single()) await walk('coordinator', filters);
  });

  test('as a coordinator, each local', async () => {
    for (const local of w.locals) await walk('coordinator', { local: local.id });
  });

  test('as a coordinator, a combination', async () => {
    await walk('coordinator', { province: 'ON', party: 'Liberal', local: w.locals[0].id, from: day(-45), to: day(0) });
  });

  test('as a member, their local and the campaign, with each filter and a combination', async () => {
    const links = await walk('member', {});
    // The campaign's "met of targets" beside the local's figures opens the whole campaign's.
    expect(links.some((l) => l.href.includes('met=1') && !l.href.includes('local='))).toBe(true);
    for (const filters of single()) await walk('member', filters);
    await walk('member', { province: 'ON', party: 'Conservative', from: day(-30), to: day(0) });
  });
});
