import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createUser } from '../helpers/factories';
import { csrfFrom, postForm, signIn, signInAt, Agent, FROM_OUR_PAGE } from '../helpers/session';

let t: TestApp;
let agent: Agent;
let adminId: number;
beforeAll(async () => {
  t = await startTestApp();
  const admin = await createUser(t.db, 'admin');
  adminId = admin.id;
  agent = await signIn(t.app, admin.email);
});
afterAll(async () => { await t.close(); });

describe('admin: locals', () => {
  test('lists locals with how many users belong to each', async () => {
    const local = await createLocal(t.db, { name: 'Local 2020 Sudbury' });
    await createUser(t.db, 'member', { local_id: local.id });
    await createUser(t.db, 'member', { local_id: local.id });
    const page = await agent.get('/admin/locals').expect(200);
    expect(page.text).toMatch(/Local 2020 Sudbury<\/a><\/td>[\s\S]*?">2<\/td>/);
  });

  test('creates a local with an audit event; a missing or taken name re-renders with 422 and the input', async () => {
    const empty = await postForm(agent, '/admin/locals/new', { name: '  ', union_name: 'CUPE', province: 'QC' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Enter the local’s name.');
    expect(empty.text).toContain('value="CUPE"');
    expect(empty.text).toContain('<option value="QC" selected>');

    const res = await postForm(agent, '/admin/locals/new', { name: 'Section locale 3000', union_name: 'CUPE', province: 'QC' });
    expect(res.status).toBe(303);
    const local = await t.db('locals').where({ name: 'Section locale 3000' }).first();
    expect(local).toMatchObject({ union_name: 'CUPE', province: 'QC' });
    expect(await t.db('audit_events').where({ entity: 'local', entity_id: local.id }).first()).toMatchObject({ action: 'create', user_id: adminId });

    const taken = await postForm(agent, '/admin/locals/new', { name: 'SECTION LOCALE 3000' });
    expect(taken.status).toBe(422);
    expect(taken.text).toContain('Another local already has this name.');
    const badProvince = await postForm(agent, '/admin/locals/new', { name: 'Local X', province: 'ZZ' });
    expect(badProvince.status).toBe(422);
  });

  test('renames a local, recording what changed; unknown locals are 404', async () => {
    const local = await createLocal(t.db, { name: 'Old name' });
    await createLocal(t.db, { name: 'Taken name' });
    const clash = await postForm(agent, `/admin/locals/${local.id}`, { name: 'taken NAME', province: 'ON' });
    expect(clash.status).toBe(422);
    expect(clash.text).toContain('value="taken NAME"');

    const res = await postForm(agent, `/admin/locals/${local.id}`, { name: 'New name', province: 'ON' });
    expect(res.status).toBe(303);
    expect((await agent.get('/admin/locals')).text).toContain('The local New name was saved.');
    expect(await t.db('locals').where({ id: local.id }).first()).toMatchObject({ name: 'New name' });
    const event = await t.db('audit_events').where({ entity: 'local', entity_id: local.id }).first();
    expect(event).toMatchObject({ action: 'update', user_id: adminId, changes: { name: { from: 'Old name', to: 'New name' } } });
    await agent.get('/admin/locals/999999').expect(404);
  });

  test('a form sent after the session expired is put back after signing in again', async () => {
    const admin = await createUser(t.db, 'admin');
    const expiring = await signIn(t.app, admin.email);
    const token = csrfFrom((await expiring.get('/admin/locals/new')).text);
    await t.db('sessions').del();
    const sent = await expiring.post('/admin/locals/new').set(FROM_OUR_PAGE).type('form').send({ _csrf: token, name: 'Local 4400', union_name: 'CUPE' });
    expect(sent.headers.location).toBe('/login?next=%2Fadmin%2Flocals%2Fnew');
    const back = await signInAt(expiring, sent.headers.location, admin.email);
    expect(back.headers.location).toBe('/admin/locals/new');
    const page = await expiring.get('/admin/locals/new').expect(200);
    expect(page.text).toContain('value="Local 4400"');
    expect(await t.db('locals').where({ name: 'Local 4400' }).first()).toBeUndefined();
  });
});
