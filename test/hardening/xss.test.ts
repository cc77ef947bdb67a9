import { startTestApp, TestApp } from '../helpers/app';
import { createWorld, World } from '../helpers/hardening.factories';
import { commonsFile, upload } from '../helpers/officials.factories';
import { pageUrls, inlineScriptProblems } from '../helpers/pages';
import { postForm, signIn, Agent } from '../helpers/session';

/**
 * Stored cross-site scripting: every text a user can store (names, constituencies, campaign and local
 * names, import file names, notes) is saved with markup in it; every page and export must show it
 * escaped, and no page may carry inline script for the markup to hide in.
 */
const MARK = (what: string) => `<script>alert('${what}')</script><img src=x onerror=alert(1)>"'&`;
const RAW = /<script>alert\(|<img src=x/;

let t: TestApp;
let w: World & { batch: number };
let admin: Agent;
let member: Agent;
beforeAll(async () => {
  t = await startTestApp();
  const world = await createWorld(t.db, {
    local: MARK('local'), campaign: MARK('campaign'), notes: MARK('notes'),
    official: { first_name: MARK('first'), last_name: MARK('last'), constituency: MARK('riding'), party: MARK('party') },
  });
  await t.db('users').where({ id: world.victim.id }).update({ name: MARK('user') });
  const coordinator = await signIn(t.app, world.coordinator.email);
  const row = `,"${MARK('imported').replace(/"/g, '""')}",Aboultaif,"${MARK('imported riding').replace(/"/g, '""')}",Alberta,Conservative,2021-09-20 12:00:00 AM,`;
  const uploaded = await upload(coordinator, commonsFile([row]), {}, `<img src=x onerror=alert('file')>.csv`); // no slash: a file name has no path
  w = { ...world, batch: Number(uploaded.headers.location.split('/').pop()) };
  admin = await signIn(t.app, w.admin.email);
  member = await signIn(t.app, w.member.email);
});
afterAll(async () => { await t.close(); });

function ids() {
  return {
    ':id@/admin/users': w.victim.id, ':id@/admin/locals': w.local.id, ':id@/campaigns': w.campaign.id,
    ':id@/officials/imports': w.batch, ':id@/officials': w.official.id, ':id@/meetings': w.meeting.id, ':officialId': w.official.id, ':lang': 'fr', ':file': 'pico.min.css',
  };
}

test('every page, as an administrator and as a member, shows the stored markup escaped and has no inline script', async () => {
  let escapedSeen = 0;
  for (const url of pageUrls(t.app, ids())) {
    for (const agent of [admin, member]) {
      const res = await agent.get(url);
      expect(res.status).toBeLessThan(500);
      if (!/html/.test(res.headers['content-type'] ?? '')) continue;
      expect({ url, raw: RAW.test(res.text) }).toEqual({ url, raw: false });
      expect({ url, problems: inlineScriptProblems(res.text) }).toEqual({ url, problems: [] });
      if (res.text.includes('&lt;script&gt;alert(')) escapedSeen++;
    }
  }
  expect(escapedSeen).toBeGreaterThan(8); // the markup was really shown somewhere, escaped
});

test('the pages that show each stored text show it escaped', async () => {
  const shows = async (url: string, what: string, as = admin) => {
    const text = (await as.get(url)).text;
    expect({ url, text: text.includes(`&lt;script&gt;alert(&#39;${what}&#39;)&lt;/script&gt;`) }).toEqual({ url, text: true });
  };
  await shows(`/officials/${w.official.id}`, 'riding');
  await shows(`/officials/${w.official.id}`, 'last');
  await shows('/admin/locals', 'local');
  await shows('/admin/users', 'user');
  await shows('/campaigns', 'campaign');
  await shows(`/meetings/${w.meeting.id}`, 'notes');
  await shows(`/meetings/${w.meeting.id}`, 'riding');
  await shows('/meetings', 'last');
  await shows('/follow-ups', 'notes', member); // a member's own and their local's follow-ups
  await shows(`/officials/imports/${w.batch}`, 'imported');
  for (const url of ['/officials/imports', `/officials/imports/${w.batch}`]) {
    expect((await admin.get(url)).text).toContain('&lt;img src=x onerror=alert(&#39;file&#39;)&gt;.csv');
  }
});

test('markup in a query string or a refused form comes back escaped', async () => {
  const q = encodeURIComponent(MARK('query'));
  for (const url of [`/meetings?q=${q}&status=${q}`, `/meetings/official-choices?q=${q}`, `/follow-ups?q=${q}`, `/officials?q=${q}`, `/campaigns/${w.campaign.id}/targets?q=${q}`, `/dashboard?campaign=${q}&local=${q}`, `/admin/users?q=${q}`, `/nowhere?x=${q}`]) {
    const res = await admin.get(url);
    expect(res.status).toBeLessThan(500);
    expect(RAW.test(res.text)).toBe(false);
  }
  const refused = await postForm(admin, '/admin/locals/new', { name: MARK('form'), province: 'XX' });
  expect(refused.status).toBe(422);
  expect(RAW.test(refused.text)).toBe(false);
  expect(refused.text).toContain('&lt;script&gt;alert(&#39;form&#39;)');
});

test('the Content-Security-Policy forbids inline script, plugins and framing, on pages and on error pages', async () => {
  for (const url of ['/', '/nowhere', '/login']) {
    const csp = String((await admin.get(url)).headers['content-security-policy']);
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  }
});

test('exports carry markup as plain text: served as CSV attachments that a browser will not render or sniff', async () => {
  const csvRoutes = pageUrls(t.app, ids()).filter((u) => u.endsWith('.csv'));
  expect(csvRoutes.length).toBeGreaterThan(4);
  for (const url of csvRoutes) {
    const res = await admin.get(url);
    expect({ url, status: res.status }).toEqual({ url, status: 200 });
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  }
  const coverage = (await admin.get('/reports/coverage.csv')).text;
  expect(coverage).toContain("<script>alert('campaign')</script>"); // stored text, exactly as typed
});
