import request from 'supertest';
import { getI18n } from '../../src/i18n/i18n';
import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';
import { meetingBy } from '../helpers/meetings.factories';
import { signIn, Agent, postForm } from '../helpers/session';

/**
 * A French-speaking member must be able to do everything in French without meeting an English word:
 * every page, as every role, is searched for the English wording of any message whose French differs.
 */
function englishOnlyFragments(): string[] {
  const { en, fr } = getI18n().store.data; // the catalogues as the app loaded them
  const fragments = new Set<string>();
  const walk = (a: unknown, b: unknown) => {
    if (typeof a === 'string') {
      if (a === b) return;
      for (const piece of a.split(/\{\{[^}]+\}\}|<[^>]+>/)) {
        const words = piece.trim();
        if (words.split(/\s+/).length >= 3 && words.length >= 12) fragments.add(words);
      }
      return;
    }
    if (a && typeof a === 'object') for (const k of Object.keys(a)) walk((a as never)[k], (b as never)?.[k]);
  };
  walk(en, fr);
  return [...fragments];
}

function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

const ENGLISH = englishOnlyFragments();
let t: TestApp;
let agents: Record<'member' | 'coordinator' | 'admin', Agent>;
let ids: Record<string, number>;

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db, { name: 'Section locale 1975' });
  const users = {
    member: await createUser(t.db, 'member', { local_id: local.id }),
    coordinator: await createUser(t.db, 'coordinator', { local_id: local.id }),
    admin: await createUser(t.db, 'admin'),
  };
  await t.db('users').update({ language: 'fr' });
  const mp = await createOfficial(t.db, { first_name: 'Brenda', last_name: 'Shanahan', constituency: 'Châteauguay—Lacolle', province: 'QC' });
  const campaign = await createCampaign(t.db, { name: 'Financement stable', is_default: true }, ['Un financement ciblé et stable']);
  await t.db('campaign_targets').insert({ campaign_id: campaign.id, official_id: mp.id });
  const meeting = await meetingBy(t.db, users.member, {
    official_id: mp.id, status: 'held', held_on: '2026-03-02', stance: 'supportive', commitments: 'Lira le mémoire',
    follow_ups: [{ description: 'Envoyer le mémoire', due_on: '2026-03-20', assignee_id: users.member.id }],
  });
  ids = { mp: mp.id, campaign: campaign.id, meeting: meeting.id, local: local.id, member: users.member.id };
  agents = {
    member: await signIn(t.app, users.member.email),
    coordinator: await signIn(t.app, users.coordinator.email),
    admin: await signIn(t.app, users.admin.email),
  };
});
afterAll(async () => { await t.close(); });

/** Paths with {name} standing for the id of the record made above. */
const PAGES: [keyof typeof agents, string][] = [
  ['member', '/'],
  ['member', '/officials?q=chateauguay'],
  ['member', '/officials/{mp}'],
  ['member', '/meetings'],
  ['member', '/meetings/new'],
  ['member', '/meetings/{meeting}'],
  ['member', '/meetings/{meeting}/edit'],
  ['member', '/follow-ups'],
  ['member', '/dashboard'],
  ['member', '/account'],
  ['member', '/no-such-page'],
  ['coordinator', '/dashboard'],
  ['coordinator', '/campaigns'],
  ['coordinator', '/campaigns/new'],
  ['coordinator', '/campaigns/{campaign}'],
  ['coordinator', '/campaigns/{campaign}/edit'],
  ['coordinator', '/campaigns/{campaign}/targets'],
  ['coordinator', '/officials/imports'],
  ['coordinator', '/reports'],
  ['coordinator', '/reports/lobbying-registry'],
  ['admin', '/admin/users'],
  ['admin', '/admin/users/new'],
  ['admin', '/admin/users/{member}'],
  ['admin', '/admin/locals'],
  ['admin', '/admin/locals/{local}'],
];

test.each(PAGES)('as a %s, %s is entirely in French', async (role, path) => {
  const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => String(ids[name]));
  const res = await agents[role].get(url);
  expect(res.status).toBe(url === '/no-such-page' ? 404 : 200);
  expect(res.text).toContain('<html lang="fr">');
  const text = visibleText(res.text);
  expect(ENGLISH.filter((fragment) => text.includes(fragment))).toEqual([]);
});

test('the check catches English: the same kind of page in English is flagged', async () => {
  const res = await request(t.app).get('/login').set('Accept-Language', 'en-CA').expect(200);
  expect(ENGLISH.filter((fragment) => visibleText(res.text).includes(fragment)).length).toBeGreaterThan(0);
});

test('a refused meeting form answers in French, next to each field', async () => {
  const res = await postForm(agents.member, '/meetings/new', { official_id: String(ids.mp), status: 'held', held_on: '2999-01-01' });
  expect(res.status).toBe(422);
  const text = visibleText(res.text);
  expect(ENGLISH.filter((fragment) => text.includes(fragment))).toEqual([]);
  expect(text).toMatch(/problème/);
});
