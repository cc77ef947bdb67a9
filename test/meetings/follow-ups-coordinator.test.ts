import { startTestApp, TestApp } from '../helpers/app';
import { EVERY, followUpWorld, FollowUpWorld, listed } from '../helpers/follow-ups.factories';
import { Agent, signIn, switchLanguage } from '../helpers/session';

/** /follow-ups as a coordinator sees it: every local's, filtered, paginated, with the filters as removable tags. */
let t: TestApp;
let w: FollowUpWorld;
let coordinator: Agent;
let amy: Agent;

beforeAll(async () => {
  t = await startTestApp();
  w = await followUpWorld(t.db);
  coordinator = await signIn(t.app, w.people.coordinator.email);
  amy = await signIn(t.app, w.people.amy.email);
});
afterAll(async () => { await t.close(); });

const shown = async (agent: Agent, query: string) => listed((await agent.get(`/follow-ups${query}`).expect(200)).text, EVERY);
const unescape = (s: string) => s.replace(/&amp;/g, '&');

describe('a coordinator', () => {
  test('the search box finds what needs doing, accents and case aside, or the official by name', async () => {
    expect(await shown(coordinator, '?q=overdue')).toEqual(['Alpha overdue', 'Beta overdue']);
    expect(await shown(coordinator, '?q=BETA%20%C3%96VERDUE')).toEqual(['Beta overdue']);
    expect(await shown(coordinator, '?q=pat%20member')).toEqual(['Alpha overdue', 'Beta overdue', 'Alpha later', 'Beta undated']);
    expect(await shown(coordinator, '?q=%25')).toEqual([]);
    const page = await coordinator.get('/follow-ups?q=overdue').expect(200);
    expect(page.text).toContain('Search: “overdue”');
    expect(page.text).toContain('2 follow-ups');
    expect(await shown(amy, '?q=beta')).toEqual([]);
  });

  test("sees the open follow-ups of every local, overdue first, each with its local, and none of a deleted meeting", async () => {
    const page = await coordinator.get('/follow-ups').expect(200);
    expect(listed(page.text, EVERY)).toEqual(['Alpha overdue', 'Beta overdue', 'Alpha later', 'Beta undated']);
    expect(page.text).toContain('4 follow-ups');
    expect(page.text).toContain('Every local’s follow-ups, overdue first.');
    expect(page.text).toMatch(/">Alpha Local 1<\/td>[\s\S]*">Beta Local 2<\/td>/);
    expect(await shown(coordinator, '?state=done')).toEqual(['Beta done']);
  });

  test.each([
    ['the campaign', () => `?campaign=${w.c1.id}`, ['Alpha overdue', 'Alpha later']],
    ['the local', () => `?local=${w.localB.id}`, ['Beta overdue', 'Beta undated']],
    ['the assignee', () => `?assignee=${w.people.al.id}`, ['Beta undated']],
    ['nobody assigned', () => '?assignee=none', ['Alpha later']],
    ['due on or after', () => '?due_from=2021-01-01', ['Beta overdue', 'Alpha later']],
    ['due on or before', () => '?due_to=2021-02-02', ['Alpha overdue', 'Beta overdue']],
    ['overdue', () => '?overdue=1', ['Alpha overdue', 'Beta overdue']],
    ['done', () => `?state=done&local=${w.localB.id}`, ['Beta done']],
    ['a combination', () => `?campaign=${w.c2.id}&overdue=1`, ['Beta overdue']],
    ["the official's province", () => '?province=on', ['Alpha overdue', 'Beta overdue', 'Alpha later', 'Beta undated']],
    ['another province', () => '?province=QC', []],
    ["the official's party", () => `?party=Liberal&local=${w.localA.id}`, ['Alpha overdue', 'Alpha later']],
    ['another party', () => '?party=Conservative', []],
  ])('each filter narrows the list: %s', async (_label, query, expected) => {
    expect(await shown(coordinator, query())).toEqual(expected);
  });

  test('as they stood at the end of a past day: created by then and not done by then, overdue meaning due before it', async () => {
    const at = (day: string) => `${day}T12:00:00-05:00`;
    await t.db('follow_ups').where({ id: w.ids['Beta done'] }).update({ created_at: at('2021-01-10'), done_at: at('2021-06-01') });
    await t.db('follow_ups').where({ id: w.ids['Beta overdue'] }).update({ created_at: at('2021-03-10') });
    try {
      expect(await shown(coordinator, '?as_of=2021-03-09')).toEqual(['Beta done']);
      expect(await shown(coordinator, '?as_of=2021-03-10')).toEqual(['Beta overdue', 'Beta done']);
      expect(await shown(coordinator, '?as_of=2021-03-03')).toEqual(['Beta done']);
      expect(await shown(coordinator, '?as_of=2021-03-03&overdue=1')).toEqual([]);
      expect(await shown(coordinator, '?as_of=2021-03-04&overdue=1')).toEqual(['Beta done']);
      expect(await shown(coordinator, '?as_of=2021-06-01')).toEqual(['Beta overdue']);
      const page = unescape((await coordinator.get('/follow-ups?as_of=2021-03-10&province=ON').expect(200)).text);
      expect(page).toMatch(/Open as of: March 10, 2021/);
      expect(page).toMatch(/Province or territory: Ontario/);
      expect(page).toContain('<p class="filter-count">2 follow-ups</p>');
      // The done tab has no such day: it leaves the filter out.
      expect(page).toContain('href="/follow-ups?province=ON&state=done"');
      expect((await coordinator.get('/follow-ups?as_of=yesterday').expect(422)).text).toContain('Enter a date, for example 2026-03-31');
    } finally {
      await t.db('follow_ups').whereIn('id', [w.ids['Beta done'], w.ids['Beta overdue']]).update({ created_at: t.db.fn.now() });
      await t.db('follow_ups').where({ id: w.ids['Beta done'] }).update({ done_at: t.db.fn.now() });
    }
  });

  test('the filters in force show as tags, each linking to the list without it', async () => {
    const page = await coordinator.get(`/follow-ups?campaign=${w.c2.id}&local=${w.localB.id}&assignee=none&overdue=1`).expect(200);
    const tags = unescape(page.text.slice(page.text.indexOf('class="filter-tags"')));
    expect(tags).toMatch(/Campaign: Second Campaign/);
    expect(tags).toMatch(/Local: Beta Local 2/);
    expect(tags).toMatch(/Who: Nobody yet/);
    expect(tags).toContain('Overdue only');
    expect(tags).toContain(`href="/follow-ups?local=${w.localB.id}&assignee=none&overdue=1"`);
    expect(tags).toContain(`href="/follow-ups?campaign=${w.c2.id}&local=${w.localB.id}&assignee=none"`);
    expect(tags).toContain('href="/follow-ups"');
    expect(page.text).toContain('No follow-up here.');
  });

  test("the local filtered on offers its people to reassign to; another's are not listed", async () => {
    const page = (await coordinator.get(`/follow-ups?local=${w.localB.id}`).expect(200)).text;
    expect(page).toContain('>Bea Beta</option>');
    expect(page).not.toContain('Gone Beta');
    expect(page).not.toContain('>Amy Alpha</option>');
  });

  test('a malformed filter is refused with the form kept and a plain message', async () => {
    const page = await coordinator.get('/follow-ups?due_from=2026-13-01&local=abc').expect(422);
    expect(page.text).toContain('Enter a date, for example 2026-03-31');
    expect(page.text).toContain('Choose a local from the list.');
    expect(page.text).toContain('value="2026-13-01"');
  });

  test('pages through a long list like the other lists, keeping the filters', async () => {
    const rows = Array.from({ length: 27 }, (_, i) => ({ meeting_id: w.meetings.a.id, description: `Call ${i + 1}`, due_on: '2998-01-01' }));
    await t.db('follow_ups').insert(rows);
    const first = await coordinator.get(`/follow-ups?local=${w.localA.id}&due_from=2998-01-01&due_to=2998-01-01`).expect(200);
    expect(first.text).toContain('Page 1 of 2 (27 in all)');
    expect((first.text.match(/">Call \d+<\/td>/g) ?? []).length).toBe(25);
    expect(unescape(first.text)).toContain(`href="/follow-ups?local=${w.localA.id}&due_from=2998-01-01&due_to=2998-01-01&page=2" rel="next"`);
    const second = await coordinator.get(`/follow-ups?local=${w.localA.id}&due_from=2998-01-01&due_to=2998-01-01&page=2`).expect(200);
    expect((second.text.match(/">Call \d+<\/td>/g) ?? []).length).toBe(2);
    await t.db('follow_ups').where('description', 'like', 'Call %').delete();
  });

  test('in French', async () => {
    const fr = await signIn(t.app, w.people.coordinator.email);
    await switchLanguage(fr, 'fr');
    const page = (await fr.get(`/follow-ups?local=${w.localB.id}&overdue=1`).expect(200)).text;
    for (const text of ['Suivis', 'Les suivis de toutes les sections locales, en retard d’abord.', 'Filtrer les suivis', 'Échéance à partir du',
      'En retard seulement', '1 suivi', 'Pour les suivis cochés', 'Marquer comme faits',
      'Réattribuer à', 'Sélectionner «\u00a0Beta overdue\u00a0»']) {
      expect(page).toContain(text);
    }
    expect(page).toMatch(/Section locale\s:\sBeta Local 2/);
    expect(page).toMatch(/Retirer le filtre Section locale\s:\sBeta Local 2/);
    await t.db('campaigns').where({ name: 'First Campaign' }).update({ name_fr: 'Première campagne' });
    const first = (await t.db('campaigns').where({ name: 'First Campaign' }).first()) as { id: number };
    const byCampaign = (await fr.get(`/follow-ups?campaign=${first.id}`).expect(200)).text;
    expect(byCampaign).toMatch(/Campagne\s:\sPremière campagne/);
    expect(byCampaign).toMatch(/<option value="\d+" selected>Première campagne<\/option>/);
    await t.db('campaigns').where({ id: first.id }).update({ name_fr: '' });
    const bad = await fr.get('/follow-ups?due_to=demain').expect(422);
    expect(bad.text).toContain('Entrez une date, par exemple 2026-03-31');
  });
});

describe('a member', () => {
  test("sees their own and their local's, as before: no other local's, no bulk actions", async () => {
    const page = await amy.get('/follow-ups').expect(200);
    expect(listed(page.text, EVERY)).toEqual(['Alpha overdue', 'Alpha later']);
    expect(page.text).toContain('Yours and your local’s, overdue first.');
    expect(page.text).not.toContain('bulk-form');
    expect(page.text).not.toContain('">Alpha Local 1</td>');
  });

  test('a filter never widens what they see', async () => {
    expect(await shown(amy, `?local=${w.localB.id}`)).toEqual([]);
    expect(await shown(amy, `?assignee=${w.people.al.id}`)).toEqual([]);
    expect(await shown(amy, '?overdue=1')).toEqual(['Alpha overdue']);
  });
});
