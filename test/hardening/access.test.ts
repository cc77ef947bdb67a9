import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { appRoutes } from '../helpers/routes';
import { createWorld, World } from '../helpers/hardening.factories';
import { commonsFile, preview } from '../helpers/officials.factories';
import { csrfFrom, signIn, Agent, SIGN_IN } from '../helpers/session';

/**
 * Every route of the app, as each kind of visitor: anonymous, a member of the record's local, a
 * member of another local, a coordinator and an administrator. A route the router stack has and this
 * table lacks fails the first test: a new route must say who may use it.
 * POSTs carry a valid CSRF token and an empty form (or the one given), so that only the access
 * rules decide; 303→/login is "sent to sign in"; an anonymous POST is refused (403), not kept.
 */
type Who = 'anonymous' | 'member' | 'otherMember' | 'coordinator' | 'admin';
const WHO: Who[] = ['anonymous', 'member', 'otherMember', 'coordinator', 'admin'];
type Status = number | typeof LOGIN;
type Row = { url: (w: Ids) => string; expect: Status[]; fresh?: boolean; before?: (w: Ids) => Promise<unknown>; form?: Record<string, string> };
type Ids = World & { batch: number };

const LOGIN = 'login' as const;
const TABLE: Record<string, Row> = {
  "GET /": { url: () => '/', expect: [LOGIN, 200, 200, 200, 200] },
  "GET /account": { url: () => '/account', expect: [LOGIN, 200, 200, 200, 200] },
  "GET /admin": { url: () => '/admin', expect: [LOGIN, 403, 403, 403, 303] },
  "GET /admin/locals": { url: () => '/admin/locals', expect: [LOGIN, 403, 403, 403, 200] },
  "GET /admin/locals/:id": { url: (w) => `/admin/locals/${w.otherLocal.id}`, expect: [LOGIN, 403, 403, 403, 200] },
  "GET /admin/locals/new": { url: () => '/admin/locals/new', expect: [LOGIN, 403, 403, 403, 200] },
  "GET /admin/users": { url: () => '/admin/users', expect: [LOGIN, 403, 403, 403, 200] },
  "GET /admin/users/:id": { url: (w) => `/admin/users/${w.victim.id}`, expect: [LOGIN, 403, 403, 403, 200] },
  "GET /admin/users/:id/password": { url: (w) => `/admin/users/${w.victim.id}/password`, expect: [LOGIN, 403, 403, 403, 200] },
  "GET /admin/users/new": { url: () => '/admin/users/new', expect: [LOGIN, 403, 403, 403, 200] },
  "GET /campaigns": { url: () => '/campaigns', expect: [LOGIN, 403, 403, 200, 200] },
  "GET /campaigns/:id": { url: (w) => `/campaigns/${w.campaign.id}`, expect: [LOGIN, 403, 403, 200, 200] },
  "GET /campaigns/:id/edit": { url: (w) => `/campaigns/${w.campaign.id}/edit`, expect: [LOGIN, 403, 403, 200, 200] },
  "GET /campaigns/:id/targets": { url: (w) => `/campaigns/${w.campaign.id}/targets`, expect: [LOGIN, 403, 403, 200, 200] },
  "GET /campaigns/:id/targets/:officialId/claim": { url: (w) => `/campaigns/${w.campaign.id}/targets/${w.official.id}/claim`, expect: [LOGIN, 200, 200, 200, 200] },
  "GET /campaigns/new": { url: () => '/campaigns/new', expect: [LOGIN, 403, 403, 200, 200] },
  "GET /dashboard": { url: () => '/dashboard', expect: [LOGIN, 200, 200, 200, 200] },
  "GET /dashboard/officials-met": { url: () => '/dashboard/officials-met', expect: [LOGIN, 200, 200, 200, 200] },
  "GET /dashboard/targets": { url: () => '/dashboard/targets', expect: [LOGIN, 200, 200, 200, 200] },
  "GET /follow-ups": { url: () => '/follow-ups', expect: [LOGIN, 200, 200, 200, 200] },
  "GET /meetings": { url: () => '/meetings', expect: [LOGIN, 200, 200, 200, 200] },
  "GET /meetings/:id": { url: (w) => `/meetings/${w.meeting.id}`, expect: [LOGIN, 200, 404, 200, 200] },
  "GET /meetings/:id/delete": { url: (w) => `/meetings/${w.meeting.id}/delete`, expect: [LOGIN, 200, 404, 200, 200] },
  "GET /meetings/:id/edit": { url: (w) => `/meetings/${w.meeting.id}/edit`, expect: [LOGIN, 200, 404, 200, 200] },
  "GET /meetings/new": { url: () => '/meetings/new', expect: [LOGIN, 200, 200, 200, 200] },
  "GET /meetings/official-choices": { url: () => '/meetings/official-choices?q=pat', expect: [LOGIN, 200, 200, 200, 200] },
  "POST /follow-ups/bulk": { url: () => '/follow-ups/bulk', expect: [403, 403, 403, 422, 422] },
  "POST /follow-ups/:id/assign": { url: (w) => `/follow-ups/${w.followUp.id}/assign`, expect: [403, 303, 404, 303, 303] },
  "POST /follow-ups/:id/done": { url: (w) => `/follow-ups/${w.followUp.id}/done`, expect: [403, 303, 404, 303, 303] },
  "POST /follow-ups/:id/reopen": { url: (w) => `/follow-ups/${w.followUp.id}/reopen`, expect: [403, 303, 404, 303, 303] },
  "POST /meetings/:id/delete": { url: (w) => `/meetings/${w.doomed.id}/delete`, expect: [403, 303, 404, 303, 303], before: (w) => t.db('meetings').where({ id: w.doomed.id }).update({ deleted_at: null }) },
  "POST /meetings/:id/edit": { url: (w) => `/meetings/${w.meeting.id}/edit`, expect: [403, 422, 404, 422, 422] },
  "POST /meetings/:id/follow-ups": { url: (w) => `/meetings/${w.meeting.id}/follow-ups`, expect: [403, 422, 404, 422, 422] },
  // Deleted by the member who logged it a moment ago: they may undo it; a coordinator restores any.
  "POST /meetings/:id/restore": { url: (w) => `/meetings/${w.doomed.id}/restore`, expect: [403, 303, 404, 303, 303], before: (w) => t.db('meetings').where({ id: w.doomed.id }).update({ deleted_at: t.db.fn.now(), deleted_by: w.member.id }) },
  "POST /meetings/new": { url: () => '/meetings/new', expect: [403, 422, 422, 422, 422] },
  "GET /healthz": { url: () => '/healthz', expect: [200, 200, 200, 200, 200] },
  "GET /login": { url: () => '/login', expect: [200, 303, 303, 303, 303] },
  "GET /officials": { url: () => '/officials', expect: [LOGIN, 200, 200, 200, 200] },
  "GET /officials/:id": { url: (w) => `/officials/${w.official.id}`, expect: [LOGIN, 200, 200, 200, 200] },
  "GET /officials/imports": { url: () => '/officials/imports', expect: [LOGIN, 403, 403, 200, 200] },
  "GET /officials/imports/:id": { url: (w) => `/officials/imports/${w.batch}`, expect: [LOGIN, 403, 403, 200, 200] },
  "GET /officials/imports/template.csv": { url: () => '/officials/imports/template.csv', expect: [LOGIN, 403, 403, 200, 200] },
  "GET /readyz": { url: () => '/readyz', expect: [200, 200, 200, 200, 200] },
  "GET /reports": { url: () => '/reports', expect: [LOGIN, 403, 403, 200, 200] },
  "GET /reports/coverage.csv": { url: () => '/reports/coverage.csv', expect: [LOGIN, 403, 403, 200, 200] },
  "GET /reports/follow-ups.csv": { url: () => '/reports/follow-ups.csv', expect: [LOGIN, 403, 403, 200, 200] },
  "GET /reports/lobbying-registry": { url: () => '/reports/lobbying-registry', expect: [LOGIN, 403, 403, 200, 200] },
  "GET /reports/lobbying-registry.csv": { url: () => '/reports/lobbying-registry.csv', expect: [LOGIN, 403, 403, 200, 200] },
  "GET /reports/meetings.csv": { url: () => '/reports/meetings.csv', expect: [LOGIN, 403, 403, 200, 200] },
  "GET /setup": { url: () => '/setup', expect: [404, 404, 404, 404, 404] },
  "GET /static/{*rest}": { url: () => '/static/vendor/pico.min.css', expect: [200, 200, 200, 200, 200] },
  "POST /account/password": { url: () => '/account/password', expect: [403, 422, 422, 422, 422] },
  "POST /admin/locals/:id": { url: (w) => `/admin/locals/${w.otherLocal.id}`, expect: [403, 403, 403, 403, 422] },
  "POST /admin/locals/new": { url: () => '/admin/locals/new', expect: [403, 403, 403, 403, 422] },
  "POST /admin/users/:id": { url: (w) => `/admin/users/${w.victim.id}`, expect: [403, 403, 403, 403, 422] },
  "POST /admin/users/:id/password": { url: (w) => `/admin/users/${w.victim.id}/password`, expect: [403, 403, 403, 403, 422] },
  "POST /admin/users/new": { url: () => '/admin/users/new', expect: [403, 403, 403, 403, 422] },
  "POST /campaigns/:id/edit": { url: (w) => `/campaigns/${w.campaign.id}/edit`, expect: [403, 403, 403, 422, 422] },
  "POST /campaigns/:id/targets": { url: (w) => `/campaigns/${w.campaign.id}/targets`, expect: [403, 403, 403, 303, 303] },
  "POST /campaigns/:id/targets/:officialId/claim": { url: (w) => `/campaigns/${w.campaign.id}/targets/${w.official.id}/claim`, expect: [403, 303, 303, 303, 303] },
  "POST /campaigns/:id/targets/:officialId/remove": { url: (w) => `/campaigns/${w.campaign.id}/targets/${w.spare.id}/remove`, expect: [403, 403, 403, 303, 303], before: (w) => t.db('campaign_targets').insert({ campaign_id: w.campaign.id, official_id: w.spare.id }).onConflict().ignore() },
  "POST /campaigns/:id/targets/:officialId/unclaim": { url: (w) => `/campaigns/${w.campaign.id}/targets/${w.official.id}/unclaim`, expect: [403, 303, 303, 303, 303] },
  "POST /campaigns/new": { url: () => '/campaigns/new', expect: [403, 403, 403, 422, 422] },
  "POST /language": { url: () => '/language', expect: [303, 303, 303, 303, 303], form: { lang: 'en' } },
  "POST /login": { url: () => '/login', expect: [401, 401, 401, 401, 401] },
  "POST /logout": { url: () => '/logout', expect: [LOGIN, LOGIN, LOGIN, LOGIN, LOGIN], fresh: true },
  "POST /officials/imports": { url: () => '/officials/imports', expect: [403, 403, 403, 422, 422] },
  "POST /officials/imports/bundled": { url: () => '/officials/imports/bundled', expect: [403, 403, 403, 303, 303] },
  "POST /officials/imports/:id": { url: (w) => `/officials/imports/${w.batch}`, expect: [403, 403, 403, 303, 303] },
  "POST /setup": { url: () => '/setup', expect: [404, 404, 404, 404, 404] },
};

let t: TestApp;
let w: Ids;
const agents = {} as Record<Who, Agent>;
const tokens = {} as Record<Who, string>;

beforeAll(async () => {
  t = await startTestApp();
  const world = await createWorld(t.db);
  const coordinator = await signIn(t.app, world.coordinator.email);
  const batch = await preview(coordinator, commonsFile([',Ziad,Aboultaif,Edmonton Manning,Alberta,Conservative,2021-09-20 12:00:00 AM,']));
  w = { ...world, batch };
  agents.anonymous = request.agent(t.app);
  for (const who of WHO.slice(1)) agents[who] = await signIn(t.app, person(who).email);
  for (const who of WHO) tokens[who] = csrfFrom((await agents[who].get(who === 'anonymous' ? '/login' : '/account')).text);
});
afterAll(async () => { await t.close(); });

test('the table lists every route the app has, and no route it lacks', () => {
  expect(Object.keys(TABLE).sort()).toEqual(appRoutes(t.app));
});

/** One request as `who`: the status, or LOGIN when it sends the visitor to sign in. */
async function as(who: Who, key: string, row: Row): Promise<Status> {
  await row.before?.(w);
  let agent = agents[who];
  let token = tokens[who];
  if (row.fresh) {
    agent = who === 'anonymous' ? request.agent(t.app) : await signIn(t.app, person(who).email);
    token = csrfFrom((await agent.get(who === 'anonymous' ? '/login' : '/account')).text);
  }
  const url = row.url(w);
  const res = key.startsWith('GET ') ? await agent.get(url) : await agent.post(url).type('form').send({ _csrf: token, ...row.form });
  return res.status === 303 && SIGN_IN.test(res.headers.location) ? LOGIN : res.status;
}

function person(who: Who): { email: string } {
  return w[who as Exclude<Who, 'anonymous'>];
}

describe.each(Object.entries(TABLE))('%s', (key, row) => {
  test(`answers ${row.expect.join(', ')} to ${WHO.join(', ')}`, async () => {
    const got: Status[] = [];
    for (const who of WHO) got.push(await as(who, key, row));
    expect(got).toEqual(row.expect);
  });
});

describe('nothing is reachable by default', () => {
  test.each(['/nowhere', '/admin/nowhere', '/officials/imports/1/nowhere', '/campaigns/1/targets/1', '/.env'])('GET %s: anonymous is sent to sign in, a signed-in user gets 404', async (url) => {
    expect(await as('anonymous', `GET ${url}`, { url: () => url, expect: [] })).toBe(LOGIN);
    expect(await as('admin', `GET ${url}`, { url: () => url, expect: [] })).toBe(404);
  });

  test('the static files do not reach outside their folder', async () => {
    for (const url of ['/static/../package.json', '/static/%2e%2e/package.json', '/static/vendor/..%2f..%2fpackage.json']) {
      const res = await agents.anonymous.get(url);
      expect(res.status).not.toBe(200);
      expect(res.text).not.toContain('"dependencies"');
    }
  });

  test.each(['PUT', 'DELETE', 'PATCH'])('%s on a page that exists is refused to everyone', async (method) => {
    for (const who of WHO) {
      const res = await agents[who][method.toLowerCase() as 'put'](`/admin/users/${w.victim.id}`).type('form').send({ _csrf: tokens[who], role: 'admin' });
      expect([303, 403, 404]).toContain(res.status);
    }
    expect((await t.db('users').where({ id: w.victim.id }).first()).role).toBe('member');
  });
});
