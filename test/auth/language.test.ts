import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createUser } from '../helpers/factories';
import { signIn } from '../helpers/session';

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

  test('/language/fr switches this session to French and returns to the page', async () => {
    const agent = request.agent(t.app);
    const res = await agent.get('/language/fr').query({ next: '/login' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
    const page = await agent.get('/login').set('Accept-Language', 'en').expect(200);
    expect(htmlLang(page.text)).toBe('fr');
    expect(page.text).toContain('Se connecter');
    expect(page.text).toContain('href="/language/en?next=%2Flogin"');
  });

  test('a signed-in user’s choice is saved and wins over the browser on their next sign-in', async () => {
    const user = await createUser(t.db, 'member', { name: 'Fé Membre' });
    const agent = await signIn(t.app, user.email);
    await agent.get('/language/fr').expect(303);
    expect(await t.db('users').where({ id: user.id }).first()).toMatchObject({ language: 'fr' });
    const again = await signIn(t.app, user.email);
    const home = await again.get('/').set('Accept-Language', 'en-CA,en').expect(200);
    expect(htmlLang(home.text)).toBe('fr');
    expect(home.text).toContain('Fé Membre');
    expect(home.text).toContain('Se déconnecter');
  });

  test('an unknown language changes nothing', async () => {
    const agent = request.agent(t.app);
    await agent.get('/language/de').expect(303);
    expect(htmlLang((await agent.get('/login')).text)).toBe('en');
  });
});
