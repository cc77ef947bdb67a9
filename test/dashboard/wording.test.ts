import type { TestApp } from '../helpers/app';
import { FigureWorld, startFigureWorld } from '../helpers/figures.factories';
import type { Agent } from '../helpers/session';

let t: TestApp;
let w: FigureWorld;
let coordinator: Agent;
let member: Agent;

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
/** The visible text of the first element with this class. */
const classText = (html: string, name: string) => {
  const start = html.indexOf(`class="${name}"`);
  if (start < 0) throw new Error(`no ${name} on the page`);
  const tag = html.lastIndexOf('<', start);
  const end = html.indexOf(`</${/<(\w+)/.exec(html.slice(tag))![1]}>`, start);
  return text(html.slice(html.indexOf('>', start) + 1, end));
};
const figure = (html: string, key: string) => text(html.slice(html.indexOf(`figure-${key}"`) + key.length + 9, html.indexOf('</li>', html.indexOf(`figure-${key}"`))));

beforeAll(async () => { ({ t, w, coordinator, member } = await startFigureWorld()); });
afterAll(async () => { await t.close(); });

describe('a local’s dashboard says what its numbers are about', () => {
  test('a member: their local’s meetings, then the campaign’s targets met, never one over the other', async () => {
    const html = (await member.get('/dashboard').expect(200)).text;
    expect(classText(html, 'scope-summary')).toBe('Your local: 5 meetings held · The campaign: 5 of 9 targets met');
    expect(figure(html, 'met')).toMatch(/^Targets met by your local 2 /);
    expect(figure(html, 'met')).not.toContain(' of ');
    // The campaign's figure opens the whole campaign's targets met, not the local's.
    expect(html).toContain(`href="/dashboard/targets?campaign=${w.campaignId}&amp;met=1">5 of 9 targets met`);
  });

  test('in French', async () => {
    const html = (await member.get('/dashboard').set('Accept-Language', 'fr-CA').expect(200)).text;
    expect(classText(html, 'scope-summary')).toBe('Votre section locale : 5 rencontres tenues · La campagne : 5 cibles rencontrées sur 9');
    expect(figure(html, 'met')).toMatch(/^Cibles rencontrées par votre section locale 2 /);
  });

  test('a coordinator looking at one local: named, the same way', async () => {
    const [, b] = w.locals;
    const html = (await coordinator.get(`/dashboard?local=${b.id}`).expect(200)).text;
    expect(classText(html, 'scope-summary')).toBe('Local B: 3 meetings held · The campaign: 5 of 9 targets met');
    expect(figure(html, 'met')).toMatch(/^Targets met by this local 3 /);
  });

  test('the whole campaign keeps its "met of targets"', async () => {
    const html = (await coordinator.get('/dashboard').expect(200)).text;
    expect(html).not.toContain('scope-summary');
    expect(figure(html, 'met')).toMatch(/^Targets met 5 of 9 /);
  });
});
