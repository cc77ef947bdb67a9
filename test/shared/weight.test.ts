import request from 'supertest';
import { createApp } from '../../src/app';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser } from '../helpers/factories';
import { csrfFrom, signIn, Agent } from '../helpers/session';

/**
 * What a phone on a slow connection fetches: compressed pages, CSS and scripts under names that
 * change with their content and are kept for a year, and CSRF tokens that differ in every response
 * (so that compression cannot leak them).
 */
let t: TestApp;
let member: Agent;
beforeAll(async () => {
  t = await startTestApp();
  member = await signIn(t.app, (await createUser(t.db, 'coordinator')).email);
});
afterAll(async () => { await t.close(); });

const stylesheets = (html: string) => [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]);

describe('static files', () => {
  test('pages name them by a hash of their content; in production that name is cached for a year, the plain name revalidated', async () => {
    const page = await request(t.app).get('/login').expect(200);
    const [pico, css] = stylesheets(page.text);
    expect(pico).toMatch(/^\/static\/vendor\/pico\.min\.[0-9a-f]{12}\.css$/);
    expect(css).toMatch(/^\/static\/css\/app\.[0-9a-f]{12}\.css$/);
    const production = createApp({ db: t.db, config: { ...t.config, env: 'production' } });
    const hashed = await request(production).get(css).expect(200);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(hashed.text).toContain('.site-header');
    const plain = await request(production).get('/static/css/app.css').expect(200);
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.text).toBe(hashed.text);
    expect((await request(production).get('/static/css/app.000000000000.css')).status).toBe(404);
    // Outside production a file may change while the server runs: nothing is kept for good.
    expect((await request(t.app).get(css)).headers['cache-control']).toBe('no-cache');
  });
});

describe('the print stylesheet', () => {
  test('is linked for paper only, under its hashed name like the others, and hides the header', async () => {
    const page = await request(t.app).get('/login').expect(200);
    const link = page.text.match(/<link rel="stylesheet" href="([^"]+)" media="print">/);
    expect(link?.[1]).toMatch(/^\/static\/css\/print\.[0-9a-f]{12}\.css$/);
    expect((await request(t.app).get(link![1]).expect(200)).text).toContain('.site-header');
  });
});

describe('compression', () => {
  test('pages, CSS and scripts are compressed for a browser that accepts it; CSV exports are not', async () => {
    const page = await member.get('/officials').set('Accept-Encoding', 'br, gzip').expect(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.text).toContain('</html>');
    const css = await request(t.app).get('/static/vendor/pico.min.css').set('Accept-Encoding', 'gzip').expect(200);
    expect(css.headers['content-encoding']).toBe('gzip');
    const csv = await member.get('/reports/meetings.csv').set('Accept-Encoding', 'br, gzip').expect(200);
    expect(csv.headers['content-encoding']).toBeUndefined();
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  });
});

describe('CSRF tokens under compression', () => {
  test('every response writes the token under a fresh mask, and each is accepted', async () => {
    const first = csrfFrom((await member.get('/account')).text);
    const second = csrfFrom((await member.get('/account')).text);
    expect(first).not.toBe(second);
    const signInPage = await request.agent(t.app).get('/login');
    expect(csrfFrom(signInPage.text)).not.toBe(csrfFrom((await request(t.app).get('/login').set('Cookie', signInPage.headers['set-cookie'] as unknown as string[])).text));
    const changed = await member.post('/language').type('form').send({ _csrf: first, lang: 'fr', next: '/account' });
    expect(changed.status).toBe(303);
    const back = await member.post('/language').type('form').send({ _csrf: second, lang: 'en', next: '/account' });
    expect(back.status).toBe(303);
    const forged = await member.post('/language').type('form').send({ _csrf: `${first.slice(0, -2)}AA`, lang: 'fr', next: '/account' });
    expect(forged.status).toBe(403);
  });
});
