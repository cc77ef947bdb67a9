import type { TestApp } from '../helpers/app';
import { createUser } from '../helpers/factories';
import { FigureWorld, startFigureWorld } from '../helpers/figures.factories';
import { Agent, signIn } from '../helpers/session';

let t: TestApp;
let w: FigureWorld;
let coordinator: Agent;
let member: Agent;

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const tags = (html: string) => [...html.matchAll(/class="filter-tag"[^>]*>([^<]*)/g)].map((m) => m[1].trim());
const count = (html: string) => /<p class="filter-count">([^<]*)<\/p>/.exec(html)![1];
const rowsOf = (html: string) => (html.match(/<tr>\s*<th scope="row"[ >]/g) ?? []).length;

beforeAll(async () => { ({ t, w, coordinator, member } = await startFigureWorld()); });
afterAll(async () => { await t.close(); });

describe('the targets list', () => {
  test('the campaign’s sitting targets met, with the filters said as tags and the count', async () => {
    const html = (await coordinator.get(`/dashboard/targets?campaign=${w.campaignId}&met=1`).expect(200)).text;
    expect(count(html)).toBe('5 targets');
    expect(rowsOf(html)).toBe(5);
    expect(tags(html)).toEqual(['Campaign: Fund community services', 'Met: yes']);
    // The campaign's tag stays; the other one links to the list without it.
    expect(html).toContain(`<span class="filter-tag">Campaign: Fund community services</span>`);
    expect(html).toContain(`href="/dashboard/targets?campaign=${w.campaignId}" aria-label="Remove the filter Met: yes"`);
    expect(html).toContain(`href="/dashboard?campaign=${w.campaignId}">Back to the dashboard`);
  });

  test('a province, a party and a stance narrow it; "champion or supportive" and "no stance yet" too', async () => {
    const base = `/dashboard/targets?campaign=${w.campaignId}`;
    expect(count((await coordinator.get(`${base}&province=ON`).expect(200)).text)).toBe('4 targets');
    expect(count((await coordinator.get(`${base}&province=ON&party=Liberal`).expect(200)).text)).toBe('2 targets');
    const favourable = (await coordinator.get(`${base}&stance=favourable`).expect(200)).text;
    expect(tags(favourable)).toContain('Stance: Champion or supportive');
    expect(count(favourable)).toBe('2 targets');
    expect(count((await coordinator.get(`${base}&stance=none`).expect(200)).text)).toBe('5 targets');
    expect(count((await coordinator.get(`${base}&met=0`).expect(200)).text)).toBe('4 targets');
  });

  test('a local’s view: met by that local, named in its tag', async () => {
    const [a] = w.locals;
    const html = (await coordinator.get(`/dashboard/targets?campaign=${w.campaignId}&local=${a.id}&met=1`).expect(200)).text;
    expect(count(html)).toBe('2 targets');
    expect(tags(html)).toContain('Local: Local A');
  });

  test('a member: their local’s whatever local they ask for, the whole campaign without one, and no stance of the campaign', async () => {
    const [, b] = w.locals;
    const theirs = (await member.get(`/dashboard/targets?campaign=${w.campaignId}&local=${b.id}&met=1`).expect(200)).text;
    expect(tags(theirs)).toContain('Local: Local A');
    expect(count(theirs)).toBe('2 targets');
    const campaign = (await member.get(`/dashboard/targets?campaign=${w.campaignId}&met=1`).expect(200)).text;
    expect(count(campaign)).toBe('5 targets');
    expect(text(campaign)).not.toContain('Stance');
    // A stance is their local's: the local stays, without a link to remove it.
    const stance = (await member.get(`/dashboard/targets?campaign=${w.campaignId}&stance=champion`).expect(200)).text;
    expect(stance).toContain('<span class="filter-tag">Local: Local A</span>');
  });

  test('a member without a local is told why there is nothing to show', async () => {
    const loner = await signIn(t.app, (await createUser(t.db, 'member')).email);
    expect(text((await loner.get('/dashboard/officials-met').expect(200)).text)).toContain('Your account is not in a local yet');
  });

  test('bad parameters are refused with a message; an unknown campaign is not found', async () => {
    const res = await coordinator.get('/dashboard/targets?met=yes&stance=happy&province=ZZ').expect(422);
    expect(text(res.text)).toContain('Choose met (1) or not met yet (0).');
    expect(text(res.text)).toContain('Choose a stance from the list.');
    await coordinator.get('/dashboard/targets?campaign=999999').expect(404);
  });

  test('in French', async () => {
    const html = (await coordinator.get(`/dashboard/targets?campaign=${w.campaignId}&met=0&province=QC`).set('Accept-Language', 'fr-CA').expect(200)).text;
    expect(tags(html)).toEqual(['Campagne : Fund community services (anglais)', 'Province ou territoire : Québec', 'Rencontrée : pas encore']);
    expect(count(html)).toBe('1 cible');
    expect(text(html)).toContain('Retour au tableau de bord');
  });
});

describe('the officials met', () => {
  test('by a local: every official it met, target or not, sitting or not', async () => {
    const [a] = w.locals;
    const html = (await coordinator.get(`/dashboard/officials-met?campaign=${w.campaignId}&local=${a.id}`).expect(200)).text;
    expect(count(html)).toBe('4 officials met');
    expect(text(html)).toContain('Officials met: Fund community services');
  });

  test('with dates, from the meetings of the period', async () => {
    const [a] = w.locals;
    const res = await coordinator.get(`/dashboard/officials-met?campaign=${w.campaignId}&local=${a.id}&from=2000-01-01&to=2000-12-31`).expect(200);
    expect(count(res.text)).toBe('0 officials met');
    expect(tags(res.text)).toContain('Period: January 1, 2000 to December 31, 2000');
  });

  test('a member sees their own local’s, its tag without a link to remove it', async () => {
    const html = (await member.get(`/dashboard/officials-met?campaign=${w.campaignId}`).expect(200)).text;
    expect(count(html)).toBe('4 officials met');
    expect(html).toContain('<span class="filter-tag">Local: Local A</span>');
  });
});
