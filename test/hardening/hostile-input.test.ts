import zlib from 'node:zlib';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import { text } from '../../src/shared/validation';
import { clean } from '../../src/officials/import/csv';
import { startTestApp, TestApp } from '../helpers/app';
import { appRoutes } from '../helpers/routes';
import { createWorld, World } from '../helpers/hardening.factories';
import { commonsFile, preview } from '../helpers/officials.factories';
import { csrfFrom, postForm, signIn, Agent } from '../helpers/session';

/**
 * Hostile bytes from anyone: a field of a quarter of a megabyte, a NUL byte, too many fields, a body
 * that does not decompress. Each is answered with a 4xx and a plain page, logged as a client error,
 * and never blocks the server. The app here logs into `logs`, so that no test can hide a 500 or an
 * error-level line.
 */
let t: TestApp;
let app: Express;
let w: World;
let admin: Agent;
let adminToken: string;
const logs: { level: number; msg: string; status?: number; err?: unknown }[] = [];

beforeAll(async () => {
  t = await startTestApp();
  const sink = new Writable({ write(line, _enc, done) { logs.push(JSON.parse(String(line))); done(); } });
  app = createApp({ db: t.db, config: t.config, logger: pino({ level: 'info' }, sink) });
  w = await createWorld(t.db);
  admin = await signIn(app, w.admin.email);
  adminToken = csrfFrom((await admin.get('/account')).text);
});
afterAll(async () => { await t.close(); });

afterEach(() => {
  const errors = logs.filter((l) => l.level >= 50);
  logs.length = 0;
  expect(errors).toEqual([]);
});

describe('trimming takes time in proportion to the input', () => {
  const MILLION = ' '.repeat(1_000_000);

  test('text() on a letter, a million spaces and a letter finishes, and trims what it trimmed before', () => {
    expect(text(`a${MILLION}a`, 2_000_000)).toBe(`a${MILLION}a`);
    expect(text(`${MILLION}a${MILLION}`)).toBe('a');
    expect(text(`a${MILLION}a`)).toHaveLength(2 * 500); // cut before anything else reads it
  });

  test('clean() on a letter, a million spaces and a letter finishes', () => {
    expect(clean(`a${MILLION}a`)).toBe(`a${MILLION}a`);
    expect(clean(`\u200d${MILLION}a\u2060${MILLION}`)).toBe('a');
  });

  test('the same characters are trimmed as by the regular expressions they replace', () => {
    const oldText = (s: string) => s.replace(/^[\s\u200b\ufeff]+|[\s\u200b\ufeff]+$/g, '');
    // eslint-disable-next-line no-misleading-character-class -- the old code's classes, kept as they were for the comparison.
    const oldClean = (s: string) => s.replace(/^[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]+|[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]+$/g, '');
    for (let code = 0; code <= 0xffff; code += 1) {
      const c = String.fromCharCode(code);
      const s = `${c}${c}x${c}`;
      if (text(s) !== oldText(s) || clean(s) !== oldClean(s)) throw new Error(`U+${code.toString(16)} is trimmed differently`);
    }
  });
});

/** The ids a route's parameters stand for, by the path they appear in. */
function urlOf(route: string, batch: number): string {
  const path = route.replace(/^\S+ /, '');
  const ids: [RegExp, string][] = [
    [/^\/admin\/locals\/:id/, String(w.otherLocal.id)], [/^\/admin\/users\/:id/, String(w.victim.id)],
    [/^\/campaigns\/:id/, String(w.campaign.id)], [/^\/meetings\/:id/, String(w.meeting.id)],
    [/^\/follow-ups\/:id/, String(w.followUp.id)], [/^\/officials\/imports\/:id/, String(batch)],
    [/^\/officials\/:id/, String(w.official.id)],
  ];
  let url = path.replace(':officialId', String(w.official.id)).replace(':lang', 'fr').replace(':file', 'pico.min.css');
  for (const [where, value] of ids) if (where.test(url)) url = url.replace(':id', value);
  if (url.includes(':')) throw new Error(`Say what ${route}'s parameters stand for`);
  return url;
}

// Every field name a form of the tracker reads, so that each route gets its own fields.
const FIELDS = ['email', 'name', 'union_name', 'province', 'role', 'local_id', 'password', 'new_password', 'current_password',
  'ask', 'goal', 'name_fr', 'ask_fr', 'goal_fr', 'starts_on', 'asks[0][text]', 'asks[0][text_fr]', 'official_id', 'official_q', 'status', 'held_on', 'format', 'location',
  'other_attendees', 'commitments', 'description', 'due_on', 'assignee_id', 'follow_ups[0][description]', 'by', 'level',
  'party', 'jurisdiction', 'return_to', 'q', 'complete'];
const LONG = `a${' '.repeat(6_000)}a`;
const BODIES = {
  'an over-long field': { ...Object.fromEntries(FIELDS.map((f) => [f, LONG])), notes: `a${' '.repeat(30_000)}a` },
  'a NUL byte': Object.fromEntries([...FIELDS, 'notes'].map((f) => [f, 'x\u0000y'])),
};

/** A form body as a browser encodes it: a space is one byte (+), so that 250 KB of them fit the body limit. */
function encoded(fields: Record<string, string>): string {
  return Object.entries(fields).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replaceAll('%20', '+')}`).join('&');
}
const count = async (table: string) => Number((await t.db(table).count({ n: '*' }).first())!.n);
const QUERIES = { 'an over-long value': `q=${'x'.repeat(3_000)}&page=2`, 'a NUL byte': 'q=a%00&page=%00&next=%2F%00' };

async function signedIn(): Promise<[Agent, string]> {
  const agent = await signIn(app, w.admin.email);
  return [agent, csrfFrom((await agent.get('/account')).text)];
}

describe('every route of the app refuses hostile input with a 4xx', () => {
  let routes: string[];
  let batch: number;
  beforeAll(async () => {
    routes = appRoutes(app);
    batch = await preview(await signIn(app, w.coordinator.email), commonsFile([',Ziad,Aboultaif,Edmonton Manning,Alberta,Conservative,2021-09-20 12:00:00 AM,']));
  });

  test.each(Object.entries(QUERIES))('in the query string, %s: 400 for every route, signed in or not', async (_what, query) => {
    const got: Record<string, number> = {};
    for (const route of routes) {
      const url = `${urlOf(route, batch)}?${query}`;
      for (const [who, agent] of [['admin', admin], ['anonymous', request.agent(app)]] as const) {
        const res = route.startsWith('GET ') ? await agent.get(url) : await agent.post(url).type('form').send({ _csrf: adminToken });
        got[`${who} ${route}`] = res.status;
      }
    }
    expect(Object.entries(got).filter(([, status]) => status !== 400)).toEqual([]);
  });

  test.each(Object.entries(BODIES))('in a form, %s: never a 5xx, and a form read by the route shows again with 422', async (_what, body) => {
    const got: Record<string, number> = {};
    for (const route of routes.filter((r) => r.startsWith('POST '))) {
      const url = urlOf(route, batch);
      // Signing out would end the session the other requests use: a session of its own.
      const [agent, token] = route === 'POST /logout' ? await signedIn() : [admin, adminToken];
      got[`admin ${route}`] = (await agent.post(url).type('form').send(encoded({ _csrf: token, ...body }))).status;
      got[`anonymous ${route}`] = (await request.agent(app).post(url).type('form').send(encoded(body))).status;
    }
    expect(Object.entries(got).filter(([, status]) => status >= 500)).toEqual([]);
    const forms = ['/admin/locals/new', '/admin/users/new', '/campaigns/new', '/meetings/new', '/account/password', '/login'];
    expect(forms.map((f) => got[`admin POST ${f}`] ?? got[`admin POST ${f.replace(/\d+/, ':id')}`])).toEqual(forms.map(() => 422));
    expect(await count('locals')).toBe(2);
  });
});

describe('a form with an over-long or a NUL field shows again with the field\'s message', () => {
  test('notes of 250 KB: 422, the notes message, and not the 250 KB back', async () => {
    const res = await postForm(admin, '/meetings/new', { official_id: String(w.official.id), status: 'held', held_on: '2026-03-01', notes: 'n'.repeat(250_000) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Notes can be at most 10,000 characters.');
    expect(res.text.length).toBeLessThan(100_000);
  });

  test('a local\'s name with a NUL byte: 422, a plain message, the name kept', async () => {
    const res = await postForm(admin, '/admin/locals/new', { name: 'Local\u0000 42' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('This field holds a null character (U+0000), which cannot be saved.');
    expect(res.text).toContain('Local\ufffd 42');
  });
});

describe('signing in with an e-mail no account can have', () => {
  test('an e-mail of 250 KB (a letter, spaces, a letter) and no password: 422 at once, no failure counted', async () => {
    const before = await count('login_attempts');
    const agent = request.agent(app);
    const token = csrfFrom((await agent.get('/login')).text);
    const res = await agent.post('/login').type('form').send(encoded({ _csrf: token, email: `a${' '.repeat(250_000)}a` }));
    expect(res.status).toBe(422);
    expect(res.text).toContain('An email address has at most 254 characters.');
    expect(res.text.length).toBeLessThan(20_000);
    expect(await count('login_attempts')).toBe(before);
  });

  test('an e-mail with a NUL byte: 422, no failure counted', async () => {
    const before = await count('login_attempts');
    const res = await postForm(request.agent(app), '/login', { email: 'a\u0000@example.org', password: 'whatever it is' }, '/login');
    expect(res.status).toBe(422);
    expect(res.text).toContain('This field holds a null character');
    expect(await count('login_attempts')).toBe(before);
  });
});

describe('client errors are answered 4xx and logged as such', () => {
  /** The request refused, as the log has it: at info, with its status. */
  const refusedAt = (status: number) => logs.filter((l) => l.msg === 'request refused' && l.level === 30 && l.status === status);

  test('a body over the 256 KB limit: 413', async () => {
    const res = await admin.post('/admin/locals/new').type('form').send({ _csrf: adminToken, name: 'n'.repeat(300_000) });
    expect(res.status).toBe(413);
    expect(res.text).toContain('What you sent is too large.');
    expect(refusedAt(413)).toHaveLength(1);
  });

  test('too many form fields: 413', async () => {
    const fields = Array.from({ length: 2_100 }, (_, i) => `f${i}=1`).join('&');
    const res = await admin.post('/admin/locals/new').type('form').send(`_csrf=${encodeURIComponent(adminToken)}&${fields}`);
    expect(res.status).toBe(413);
    expect(res.text).toContain('That form has far more fields than any of ours.');
    expect(refusedAt(413)).toHaveLength(1);
  });

  test('an unknown Content-Encoding: 415', async () => {
    const res = await admin.post('/admin/locals/new').type('form').set('Content-Encoding', 'x-unheard-of').send('name=x');
    expect(res.status).toBe(415);
    expect(res.text).toContain('compressed in a way we do not read');
    expect(refusedAt(415)).toHaveLength(1);
  });

  test.each([['gzip'], ['deflate'], ['br']])('a body that says %s and is not: 400', async (encoding) => {
    const res = await admin.post('/admin/locals/new').type('form').set('Content-Encoding', encoding).send(Buffer.from('name=not compressed at all'));
    expect(res.status).toBe(400);
    expect(res.text).toContain('could not be decompressed');
    expect(refusedAt(400)).toHaveLength(1);
  });

  test('a gzip body that stops half-way: 400', async () => {
    const whole = zlib.gzipSync(`_csrf=${encodeURIComponent(adminToken)}&name=${'x'.repeat(1_000)}`);
    const res = await admin.post('/admin/locals/new').type('form').set('Content-Encoding', 'gzip').send(whole.subarray(0, whole.length / 2));
    expect(res.status).toBe(400);
    expect(refusedAt(400)).toHaveLength(1);
  });

  test('a NUL byte in a search: 400, with no SQL in any log line', async () => {
    const res = await admin.get('/officials?q=a%00b');
    expect(res.status).toBe(400);
    expect(res.text).toContain('contains a null character');
    expect(refusedAt(400)).toHaveLength(1);
    expect(JSON.stringify(logs)).not.toMatch(/select|0x00/i);
  });

  test('a NUL byte in a field that reaches the database without a form: 400, logged at info', async () => {
    const res = await admin.post(`/campaigns/${w.campaign.id}/targets`).type('form').send({ _csrf: adminToken, level: 'federal', party: 'a\u0000b' });
    expect(res.status).toBe(400);
    expect(refusedAt(400)).toHaveLength(1);
    expect(JSON.stringify(logs)).not.toMatch(/select|insert|0x00/i);
  });

  test('/static/vendor/__proto__ and its kin: 404', async () => {
    for (const file of ['__proto__', 'constructor', 'hasOwnProperty', 'toString']) {
      expect((await request(app).get(`/static/vendor/${file}`)).status).toBe(404);
    }
    expect((await request(app).get('/static/vendor/pico.min.css')).status).toBe(200);
  });
});
