import { startTestApp, TestApp } from '../helpers/app';
import { PASSWORD } from '../helpers/factories';
import { createWorld, World } from '../helpers/hardening.factories';
import { commonsFile, upload } from '../helpers/officials.factories';
import { postForm, signIn } from '../helpers/session';

// Forms read only the fields they expect: whatever else is posted changes nothing.
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await startTestApp();
  w = await createWorld(t.db);
});
afterAll(async () => { await t.close(); });

const user = (id: number) => t.db('users').where({ id }).first();

test('a member changing their password and posting role=admin, another local, another email changes only the password', async () => {
  const agent = await signIn(t.app, w.member.email);
  const before = await user(w.member.id);
  const res = await postForm(agent, '/account/password', {
    current_password: PASSWORD, new_password: 'an entirely new passphrase',
    role: 'admin', local_id: String(w.otherLocal.id), email: 'attacker@example.org', active: 'on', id: String(w.admin.id),
  }, '/account');
  expect(res.status).toBe(303);
  const after = await user(w.member.id);
  expect(after.password_hash).not.toBe(before.password_hash);
  expect({ role: after.role, local_id: after.local_id, email: after.email }).toEqual({ role: 'member', local_id: w.local.id, email: w.member.email });
  expect((await user(w.admin.id)).password_hash).not.toBe(after.password_hash);
  expect((await agent.get('/admin/users')).status).toBe(403);
});

test('a member claiming a target for another local does not claim it for that local', async () => {
  const agent = await signIn(t.app, w.otherMember.email);
  await postForm(agent, `/campaigns/${w.campaign.id}/targets/${w.official.id}/claim`, { local_id: String(w.local.id) }, '/account');
  const target = await t.db('campaign_targets').where({ campaign_id: w.campaign.id, official_id: w.official.id }).first();
  expect(target.claimed_by_local_id).not.toBe(w.local.id);
});

test('an administrator editing a user cannot change their email or password hash through the access form', async () => {
  const agent = await signIn(t.app, w.admin.email);
  const before = await user(w.victim.id);
  const res = await postForm(agent, `/admin/users/${w.victim.id}`, {
    role: 'coordinator', local_id: String(w.local.id), active: 'on', email: 'taken-over@example.org', password_hash: 'x', name: 'Renamed',
  });
  expect(res.status).toBe(303);
  const after = await user(w.victim.id);
  expect(after.role).toBe('coordinator');
  expect({ email: after.email, password_hash: after.password_hash, name: after.name }).toEqual({ email: before.email, password_hash: before.password_hash, name: before.name });
});

test('an import posted with another user_id or a status is recorded as the coordinator\'s own, previewed', async () => {
  const agent = await signIn(t.app, w.coordinator.email);
  const res = await upload(agent, commonsFile([',Ziad,Aboultaif,Edmonton Manning,Alberta,Conservative,2021-09-20 12:00:00 AM,']), { user_id: String(w.admin.id), status: 'applied', added: '999' });
  expect(res.status).toBe(303);
  const batch = await t.db('import_batches').orderBy('id', 'desc').first();
  expect({ user_id: batch.user_id, status: batch.status, added: batch.added }).toEqual({ user_id: w.coordinator.id, status: 'previewed', added: 1 });
});

test('a member logging or editing a meeting with logged_by, local_id, version and deleted_at of their choosing changes none of them', async () => {
  const agent = await signIn(t.app, w.member.email, 'an entirely new passphrase'); // changed by the first test
  const extra = { logged_by: String(w.admin.id), local_id: String(w.otherLocal.id), deleted_at: '2026-01-01', id: '1', created_at: '2000-01-01', version: '99' };
  const fields = { campaign_id: String(w.campaign.id), official_id: String(w.spare.id), status: 'held', held_on: '2026-03-20', format: 'phone', stance: 'supportive', confirm_duplicate: '1' };
  const res = await postForm(agent, '/meetings/new', { ...fields, ...extra });
  expect(res.status).toBe(303);
  const id = Number(res.headers.location.split('/').pop());
  const saved = await t.db('meetings').where({ id }).first();
  expect({ logged_by: saved.logged_by, local_id: saved.local_id, deleted_at: saved.deleted_at, version: saved.version })
    .toEqual({ logged_by: w.member.id, local_id: w.local.id, deleted_at: null, version: 1 });
  expect(new Date(saved.created_at).getFullYear()).toBeGreaterThan(2000);

  const edit = await postForm(agent, `/meetings/${id}/edit`, { ...fields, status: 'held', stance: 'champion', version: '1', logged_by: String(w.admin.id), local_id: String(w.otherLocal.id), deleted_at: '2026-01-01' });
  expect(edit.status).toBe(303);
  const edited = await t.db('meetings').where({ id }).first();
  expect({ stance: edited.stance, logged_by: edited.logged_by, local_id: edited.local_id, deleted_at: edited.deleted_at })
    .toEqual({ stance: 'champion', logged_by: w.member.id, local_id: w.local.id, deleted_at: null });
});
