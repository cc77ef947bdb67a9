import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createUser } from '../helpers/factories';
import { postForm, signIn, switchLanguage, Agent } from '../helpers/session';
import type { SessionUser } from '../../src/shared/types';
import { changeUserAccess } from '../../src/admin/user-access.service';

let t: TestApp;
let admin: SessionUser;
let agent: Agent;
beforeAll(async () => {
  t = await startTestApp();
  admin = await createUser(t.db, 'admin', { name: 'Ada Admin' });
  agent = await signIn(t.app, admin.email);
});
afterAll(async () => { await t.close(); });

const auditFor = (entity: string, id: number) => t.db('audit_events').where({ entity, entity_id: id }).orderBy('id');

describe('admin: users', () => {
  test('members and coordinators get 403 on every admin page; an administrator sees the list', async () => {
    for (const role of ['member', 'coordinator'] as const) {
      const other = await signIn(t.app, (await createUser(t.db, role)).email);
      for (const path of ['/admin', '/admin/users', '/admin/users/new', `/admin/users/${admin.id}`, '/admin/locals']) {
        const res = await other.get(path);
        expect(res.status).toBe(403);
        expect(res.text).toContain('You do not have permission to do that.');
      }
      const post = await postForm(other, '/admin/users/new', { name: 'X', email: 'x@example.org', password: 'long enough passphrase', role: 'admin' }, '/account');
      expect(post.status).toBe(403);
      expect(await t.db('users').where({ email: 'x@example.org' }).first()).toBeUndefined();
      expect((await other.get('/')).text).not.toContain('href="/admin/users"');
    }
    const page = await agent.get('/admin/users').expect(200);
    expect(page.text).toContain('Ada Admin');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  test('creates a user in a local, who can then sign in; a bad form re-renders with 422 and the input', async () => {
    const local = await createLocal(t.db, { name: 'Local 101' });
    const bad = await postForm(agent, '/admin/users/new', { name: 'Bea Member', email: 'not-an-email', password: 'short', role: 'member', local_id: String(local.id) });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Enter a valid email address');
    expect(bad.text).toContain('at least 12 characters');
    expect(bad.text).toContain('value="Bea Member"');
    expect(bad.text).toMatch(new RegExp(`<option value="${local.id}" selected>Local 101`));

    const res = await postForm(agent, '/admin/users/new', { name: 'Bea Member', email: 'bea@example.org', password: 'a fine long passphrase', role: 'member', local_id: String(local.id) });
    expect(res.status).toBe(303);
    expect((await agent.get('/admin/users')).text).toContain('Bea Member can now sign in.');
    const bea = await t.db('users').where({ email: 'bea@example.org' }).first();
    expect(bea).toMatchObject({ role: 'member', local_id: local.id, active: true });
    expect(await auditFor('user', bea.id)).toEqual([expect.objectContaining({ action: 'create', user_id: admin.id })]);
    await signIn(t.app, 'bea@example.org', 'a fine long passphrase');

    const dup = await postForm(agent, '/admin/users/new', { name: 'Bea Again', email: 'BEA@example.org', password: 'a fine long passphrase', role: 'member' });
    expect(dup.status).toBe(422);
    expect(dup.text).toContain('Someone already uses this email address.');
    expect(dup.text).toContain('value="Bea Again"');
  });

  test('changes role, local and active flag, with an audit event; deactivation signs the user out at their next request', async () => {
    const local = await createLocal(t.db);
    const user = await createUser(t.db, 'member');
    const theirs = await signIn(t.app, user.email);
    await theirs.get('/').expect(200);

    const promote = await postForm(agent, `/admin/users/${user.id}`, { role: 'coordinator', local_id: String(local.id), active: 'on' });
    expect(promote.status).toBe(303);
    expect(await t.db('users').where({ id: user.id }).first()).toMatchObject({ role: 'coordinator', local_id: local.id, active: true });
    const [event] = await auditFor('user', user.id);
    expect(event).toMatchObject({ action: 'update', user_id: admin.id, changes: { role: { from: 'member', to: 'coordinator' }, local_id: { from: null, to: local.id } } });
    await theirs.get('/').expect(200); // a role change does not sign anyone out

    await postForm(agent, `/admin/users/${user.id}`, { role: 'coordinator', local_id: String(local.id) }).then((r) => expect(r.status).toBe(303));
    expect(await t.db('users').where({ id: user.id }).first()).toMatchObject({ active: false });
    const next = await theirs.get('/');
    expect(next.status).toBe(303);
    expect(next.headers.location).toBe('/login');
    await expect(signIn(t.app, user.email)).rejects.toThrow('Sign-in failed');
  });

  test('an administrator cannot demote or deactivate themselves, with a plain message', async () => {
    for (const fields of [{ role: 'coordinator', active: 'on' }, { role: 'admin' }]) {
      const res = await postForm(agent, `/admin/users/${admin.id}`, fields);
      expect(res.status).toBe(422);
      expect(res.text).toContain('You cannot remove your own administrator access.');
    }
    expect(await t.db('users').where({ id: admin.id }).first()).toMatchObject({ role: 'admin', active: true });
    await agent.get('/admin/users').expect(200);
  });

  test('two administrators demoting each other at once: the second change is refused, one administrator remains', async () => {
    const other = await createUser(t.db, 'admin');
    // The first demotion has committed by the time the second one (already past its role check) runs.
    expect(await changeUserAccess(t.db, admin.id, other.id, { role: 'member', local_id: null, active: true })).toEqual({ ok: true, changed: true });
    const second = await changeUserAccess(t.db, other.id, admin.id, { role: 'member', local_id: null, active: true });
    expect(second).toEqual({ ok: false, errors: { role: 'admin:users.errors.lastAdmin' } });
    expect(await t.db('users').where({ role: 'admin', active: true }).pluck('id')).toEqual([admin.id]);
  });

  test('a bad role or local is refused with 422; an unknown user is 404', async () => {
    const user = await createUser(t.db, 'member');
    const res = await postForm(agent, `/admin/users/${user.id}`, { role: 'owner', local_id: '999999', active: 'on' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choose a role');
    const unknownLocal = await postForm(agent, `/admin/users/${user.id}`, { role: 'member', local_id: '999999', active: 'on' });
    expect(unknownLocal.status).toBe(422);
    expect(unknownLocal.text).toContain('Choose a local from the list.');
    await agent.get('/admin/users/999999').expect(404);
    await agent.get('/admin/users/abc').expect(404);
  });

  test('a password reset ends every session of that user; the new password works', async () => {
    const user = await createUser(t.db, 'member');
    const theirs = await signIn(t.app, user.email);
    const weak = await postForm(agent, `/admin/users/${user.id}/password`, { new_password: 'password1234' });
    expect(weak.status).toBe(422);
    expect(weak.text).toContain('too common');

    const res = await postForm(agent, `/admin/users/${user.id}/password`, { new_password: 'a brand new passphrase' });
    expect(res.status).toBe(303);
    expect((await theirs.get('/')).headers.location).toBe('/login');
    await signIn(t.app, user.email, 'a brand new passphrase');
    expect(await auditFor('user', user.id)).toEqual([expect.objectContaining({ action: 'password', user_id: admin.id })]);
    await agent.get('/admin/users').expect(200);
  });

  test('an administrator resetting their own password stays signed in here and nowhere else', async () => {
    const self = await createUser(t.db, 'admin');
    const here = await signIn(t.app, self.email);
    const elsewhere = await signIn(t.app, self.email);
    expect((await postForm(here, `/admin/users/${self.id}/password`, { new_password: 'my own new passphrase' })).status).toBe(303);
    await here.get('/admin/users').expect(200);
    expect((await elsewhere.get('/')).headers.location).toBe('/login');
  });

  test('every admin page renders in English and in French', async () => {
    const local = await createLocal(t.db);
    const pages = ['/admin/users', '/admin/users/new', `/admin/users/${admin.id}`, `/admin/users/${admin.id}/password`, '/admin/locals', '/admin/locals/new', `/admin/locals/${local.id}`];
    const fr = await signIn(t.app, admin.email);
    await switchLanguage(fr, 'fr');
    for (const path of pages) {
      await agent.get(path).expect(200);
      expect((await fr.get(path).expect(200)).text).toContain('<html lang="fr">');
    }
    await switchLanguage(fr, 'en');
  });

  test('anonymous visitors are sent to sign in', async () => {
    const res = await request(t.app).get('/admin/users');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fadmin%2Fusers');
  });
});
