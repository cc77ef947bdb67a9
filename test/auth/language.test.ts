import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser } from '../helpers/factories';
import { csrfFrom, signIn } from '../helpers/session';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await createUser(t.db, 'admin'); // past the first-run page
});
afterAll(async () => { await t.close(); });

const htmlLang = (html: string) => html.match(/<html lang="([a-z]+)">/)?.[1];

describe('language', () => {
  test('English by default; Accept-Language: fr picks French', async () => {
    const en = await request(t.app).get('/login').expect(200);
    expect(htmlLang(en.text)).toBe('en');
    expect(en.text).toContain('Sign in');
    const fr = await request(t.app).get('/login').set('Accept-Language', 'fr-CA,fr;q=0.9,en;q=0.5').expect(200);
    expect(htmlLang(fr.text)).toBe('fr');
    expect(fr.text).toContain('Connexion');
    expect(fr.text).toContain('Mot de passe');
  });

  const sessions = async () => Number((await t.db('sessions').count('* as n').first())!.n);

  test('a visitor’s switch is a form; the choice goes in a cookie of its own, not a session, and the page comes back', async () => {
    const agent = request.agent(t.app);
    const login = await agent.get('/login').set('Accept-Language', 'en').expect(200);
    expect(login.text).toMatch(/<form method="post" action="\/language"[^>]*>[\s\S]*?name="lang" value="fr"[\s\S]*?name="next" value="\/login"/);
    const before = await sessions();
    const res = await agent.post('/language').type('form').send({ lang: 'fr', next: '/login' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies.find((c) => c.startsWith('mpt.lang=fr'))).toMatch(/HttpOnly/);
    expect(cookies.some((c) => c.startsWith('mpt.sid='))).toBe(false);
    expect(await sessions()).toBe(before);
    const page = await agent.get('/login').set('Accept-Language', 'en').expect(200);
    expect(htmlLang(page.text)).toBe('fr');
    expect(page.text).toContain('Se connecter');
    expect(page.text).toMatch(/name="lang" value="en"/);
  });

  test('GET and HEAD /language/fr change nothing', async () => {
    const user = await createUser(t.db, 'member');
    const agent = await signIn(t.app, user.email);
    for (const method of ['get', 'head'] as const) {
      const res = await agent[method]('/language/fr');
      expect(res.status).toBe(404);
      expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => c.startsWith('mpt.lang='))).toBe(false);
    }
    expect(await t.db('users').where({ id: user.id }).first()).toMatchObject({ language: null });
    expect(htmlLang((await agent.get('/').set('Accept-Language', 'en')).text)).toBe('en');
  });

  test('a signed-in user’s choice needs the form’s token, is saved, and wins over the browser on their next sign-in', async () => {
    const user = await createUser(t.db, 'member', { name: 'Fé Membre' });
    const agent = await signIn(t.app, user.email);
    expect((await agent.post('/language').type('form').send({ lang: 'fr' })).status).toBe(403);
    expect(await t.db('users').where({ id: user.id }).first()).toMatchObject({ language: null });
    const home = await agent.get('/').expect(200);
    expect(home.text).toMatch(/<form method="post" action="\/language"[^>]*>\s*<input type="hidden" name="_csrf"/);
    await agent.post('/language').type('form').send({ _csrf: csrfFrom(home.text), lang: 'fr', next: '/' }).expect(303);
    expect(await t.db('users').where({ id: user.id }).first()).toMatchObject({ language: 'fr' });
    const again = await signIn(t.app, user.email);
    const next = await again.get('/').set('Accept-Language', 'en-CA,en').expect(200);
    expect(htmlLang(next.text)).toBe('fr');
    expect(next.text).toContain('Fé Membre');
    expect(next.text).toContain('Se déconnecter');
  });

  test('an unknown language changes nothing', async () => {
    const agent = request.agent(t.app);
    await agent.post('/language').type('form').send({ lang: 'de' }).expect(303);
    expect(htmlLang((await agent.get('/login')).text)).toBe('en');
    expect(htmlLang((await request(t.app).get('/login').set('Cookie', 'mpt.lang=de')).text)).toBe('en');
  });
});
