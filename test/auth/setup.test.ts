import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { csrfFrom, postForm } from '../helpers/session';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('first-run setup', () => {
  test('with no user, every page leads to the setup page', async () => {
    for (const path of ['/', '/login', '/meetings', '/admin/users']) {
      const res = await request(t.app).get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/setup');
    }
    const page = await request(t.app).get('/setup').expect(200);
    expect(page.text).toContain('Create the first administrator');
  });

  test('a weak password is refused with the input kept and nothing created', async () => {
    const agent = request.agent(t.app);
    const res = await postForm(agent, '/setup', { name: 'Ada Admin', email: 'ada@example.org', password: 'short' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('at least 12 characters');
    expect(res.text).toContain('value="ada@example.org"');
    expect(await t.db('users').count('* as n').first()).toEqual({ n: '0' });
  });

  test('creates the first administrator, signs them in, then the page is gone for good', async () => {
    const agent = request.agent(t.app);
    const res = await postForm(agent, '/setup', { name: 'Ada Admin', email: 'Ada@Example.org', password: 'a long enough passphrase' });
    expect(res.status).toBe(303);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Hello, Ada Admin');
    const admin = await t.db('users').first();
    expect(admin).toMatchObject({ email: 'Ada@Example.org', role: 'admin' });
    expect(admin.password_hash).toMatch(/^\$argon2id\$/);

    await request(t.app).get('/setup').expect(404);
    const stranger = request.agent(t.app);
    const token = csrfFrom((await stranger.get('/login')).text);
    await stranger.post('/setup').type('form').send({ _csrf: token, name: 'Eve', email: 'eve@example.org', password: 'another long passphrase' }).expect(404);
    expect(await t.db('users').count('* as n').first()).toEqual({ n: '1' });
  });
});
