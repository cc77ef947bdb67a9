import { startTestApp, TestApp } from '../helpers/app';
import { createWorld, World } from '../helpers/hardening.factories';
import { commonsFile, preview } from '../helpers/officials.factories';
import { pageUrls } from '../helpers/pages';
import { signIn, switchLanguage, Agent } from '../helpers/session';

/*
 * No page speaks in codes: every page a coordinator and an administrator see, in English and in
 * French, is read as a person reads it (its text, and the placeholders and labels of its controls),
 * and fails on a jurisdiction id (ca, ca_on), a province code where a name belongs, a binary size
 * unit (MiB, Mio) or a date pattern (YYYY-MM, AAAA-MM) instead of an example.
 */
let t: TestApp;
let w: World & { batch: number };
const agents: Record<string, Agent> = {};

beforeAll(async () => {
  t = await startTestApp();
  const world = await createWorld(t.db);
  agents.coordinator = await signIn(t.app, world.coordinator.email);
  const batch = await preview(agents.coordinator, commonsFile([',Ziad,Aboultaif,Edmonton Manning,Alberta,Conservative,2021-09-20 12:00:00 AM,']));
  w = { ...world, batch };
  agents.admin = await signIn(t.app, world.admin.email);
});
afterAll(async () => { await t.close(); });

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/**
 * What a reader sees of a page: its text, and the placeholders, titles and labels of its elements.
 * Text in <code> is left out: it is what must be typed as it is (a CSV file's column names).
 */
export function visibleText(html: string): string {
  const body = html.replace(/<(script|style|code)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<!--[\s\S]*?-->/g, ' ');
  const attributes = [...body.matchAll(/\s(?:placeholder|title|aria-label|alt)="([^"]*)"/g)].map((m) => m[1]);
  return [body.replace(/<[^>]+>/g, ' '), ...attributes].join(' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => ENTITIES[e]).replace(/\s+/g, ' ');
}

const PROVINCE = '(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)';
/** The codes a page must not show, each with what it is. */
export const CODES: [string, RegExp][] = [
  ['a jurisdiction id', /(?<![\w.@/-])ca(?:_[a-z0-9]+)*(?![\w@-]|\.\w)/],
  ['a province code', new RegExp(`\\(${PROVINCE}[,)]|, ${PROVINCE}\\)`)],
  ['a binary size unit', /\b(?:[KMG]iB|[KMG]io)\b/],
  ['a date pattern', /YYYY|AAAA|\bMM-DD\b|\bMM-JJ\b/],
  ['a coded word', /\b[a-z]+_[a-z_]+\b/],
];

/** Each code found in the text, with a little of what is around it. */
export function codesIn(text: string): string[] {
  return CODES.flatMap(([what, re]) => {
    const m = re.exec(text);
    return m ? [`${what}: …${text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40)}…`] : [];
  });
}

function ids() {
  return {
    ':id@/admin/users': w.victim.id, ':id@/admin/locals': w.local.id, ':id@/campaigns': w.campaign.id,
    ':id@/officials/imports': w.batch, ':id@/officials': w.official.id, ':id@/meetings': w.meeting.id, ':officialId': w.official.id, ':lang': 'fr', ':file': 'pico.min.css',
  };
}

describe('the test finds', () => {
  test.each([
    ['Jurisdiction: ca_on'], ['For example ca (federal)'], ['At most 5 MiB'], ['Au plus 5 Mio'], ['placeholder YYYY-MM'], ['Format AAAA-MM'],
    ['Brenda Shanahan — Châteauguay—Lacolle (QC, Liberal)'], ['Format: in_person'],
  ])('%s', (text) => { expect(codesIn(text).length).toBeGreaterThan(0); });

  test.each([['ourcommons.ca/Members/en/search'], ['brenda.shanahan@parl.gc.ca'], ['Ontario (Liberal)'], ['At most 5 MB'], ['for example 2026-03']])('but not %s', (text) => {
    expect(codesIn(text)).toEqual([]);
  });
});

describe.each(['en', 'fr'] as const)('in %s', (lang) => {
  test.each(['coordinator', 'admin'])('no page a %s sees shows a code', async (who) => {
    const agent = agents[who];
    await switchLanguage(agent, lang);
    const found: string[] = [];
    for (const url of pageUrls(t.app, ids())) {
      const res = await agent.get(url);
      if (res.status !== 200 || !/html/.test(res.headers['content-type'] ?? '')) continue;
      found.push(...codesIn(visibleText(res.text)).map((c) => `${url} ${c}`));
    }
    await switchLanguage(agent, 'en');
    expect(found).toEqual([]);
  });
});
