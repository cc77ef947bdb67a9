import { startTestApp, TestApp } from '../helpers/app';
import { createUser } from '../helpers/factories';
import { postForm, signIn, switchLanguage } from '../helpers/session';
import { passwordProblem } from '../../src/auth/passwords';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('the password policy', () => {
  test.each(['aaaaaaaaaaaa', '            ', '1111111111111111', '\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0', '\t \t \t \t \t \t ', 'éééééééééééé'])(
    'refuses one repeated character or only spaces (%j)', (password) => {
      expect(passwordProblem(password)).toBe('auth:password.repeated');
    });

  test.each(['aaaaaaaaaaab', 'a long passphrase of words', '  spaces around  '])('accepts %j', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });

  test('a refused new password is shown with its message in English and in French, and nothing changes', async () => {
    const user = await createUser(t.db, 'member');
    const agent = await signIn(t.app, user.email);
    const hash = async () => (await t.db('users').where({ id: user.id }).first()).password_hash;
    const before = await hash();
    const en = await postForm(agent, '/account/password', { current_password: 'correct horse battery staple', new_password: ' '.repeat(16) }, '/account');
    expect(en.status).toBe(422);
    expect(en.text).toContain('The password cannot be a single character repeated, or only spaces.');
    await switchLanguage(agent, 'fr');
    const fr = await postForm(agent, '/account/password', { current_password: 'correct horse battery staple', new_password: 'z'.repeat(20) }, '/account');
    expect(fr.status).toBe(422);
    expect(fr.text).toContain('Le mot de passe ne peut pas être un seul caractère répété, ni seulement des espaces.');
    expect(await hash()).toBe(before);
  });
});
