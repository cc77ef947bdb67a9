import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser } from '../helpers/factories';
import { Agent, csrfFrom, postForm, signIn, signInAt, FROM_OUR_PAGE } from '../helpers/session';

let t: TestApp;
let coordinator: Agent;
let coordinatorEmail: string;
let member: Agent;

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db);
  const c = await createUser(t.db, 'coordinator');
  const m = await createUser(t.db, 'member', { local_id: local.id });
  coordinator = await signIn(t.app, c.email);
  coordinatorEmail = c.email;
  member = await signIn(t.app, m.email);
});
afterAll(async () => { await t.close(); });

const base = { name: 'Fund community services', ask: 'Targeted, stable funding', starts_on: '2026-01-05', ends_on: '2026-06-30', goal: 'Meet every MP', goal_date: '2026-05-31', active: 'on' };

describe('campaigns', () => {
  test('members may not open the campaigns pages', async () => {
    await member.get('/campaigns').expect(403);
    await member.get('/campaigns/new').expect(403);
  });

  test('a campaign that fails validation is shown again with everything typed and a message per field', async () => {
    const res = await postForm(coordinator, '/campaigns/new', {
      ...base, name: '', ends_on: '2025-12-31', goal_date: '2026-02-30',
      'asks[0][text]': 'A national standard for wages', 'asks[0][position]': '1',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter the campaign’s name.');
    expect(res.text).toContain('The end date must be on or after the start date.');
    expect(res.text).toContain('Enter a date, for example 2026-03-31');
    expect(res.text).toContain('value="A national standard for wages"');
    expect(res.text).toContain('Targeted, stable funding');
    expect(res.text).toContain('value="2026-02-30"');
    expect(await t.db('campaigns').count('* as n').first()).toEqual({ n: '0' });
  });

  test('"Add more rows" keeps what was typed and saves nothing', async () => {
    const res = await postForm(coordinator, '/campaigns/new', {
      ...base, 'asks[0][text]': 'First ask', 'asks[1][text]': '', 'asks[2][text]': '', 'asks[3][text]': '', add_rows: '1',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('value="First ask"');
    expect(res.text.match(/name="asks\[\d+\]\[text\]"/g)!.length).toBe(1 + 6);
    expect(await t.db('campaigns').count('* as n').first()).toEqual({ n: '0' });
  });

  test('creates a campaign with its asks in the order given; the first campaign becomes the default', async () => {
    const res = await postForm(coordinator, '/campaigns/new', {
      ...base,
      'asks[0][text]': 'A national standard for wages', 'asks[0][position]': '2',
      'asks[1][text]': 'Targeted, stable funding for community services', 'asks[1][position]': '1',
      'asks[2][text]': '', 'asks[2][position]': '',
    });
    expect(res.status).toBe(303);
    const campaign = await t.db('campaigns').first();
    expect(campaign).toMatchObject({ name: base.name, starts_on: '2026-01-05', goal_date: '2026-05-31', active: true, is_default: true });
    const asks = await t.db('campaign_asks').where({ campaign_id: campaign.id }).orderBy('position').pluck('text');
    expect(asks).toEqual(['Targeted, stable funding for community services', 'A national standard for wages']);
    const page = await coordinator.get(res.headers.location).expect(200);
    expect(page.text).toContain('Campaign “Fund community services” created.');
    expect(page.text).toContain('Default for new meetings');
  });

  test('editing keeps the ids of the asks kept, removes emptied ones, and refuses to untick the default', async () => {
    const campaign = await t.db('campaigns').first();
    const asks = await t.db('campaign_asks').where({ campaign_id: campaign.id }).orderBy('position');
    const form = await coordinator.get(`/campaigns/${campaign.id}/edit`).expect(200);
    expect(form.text).toContain('value="A national standard for wages"');
    const refused = await postForm(coordinator, `/campaigns/${campaign.id}/edit`, {
      ...base, is_default: '', name: 'Renamed',
      'asks[0][id]': asks[0].id, 'asks[0][text]': asks[0].text,
    });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('This is the default campaign.');
    expect(refused.text).toContain('value="Renamed"');
    const res = await postForm(coordinator, `/campaigns/${campaign.id}/edit`, {
      ...base, is_default: 'on', name: 'Renamed',
      'asks[0][id]': asks[0].id, 'asks[0][text]': 'Stable funding', 'asks[1][id]': asks[1].id, 'asks[1][text]': '',
    });
    expect(res.status).toBe(303);
    expect(await t.db('campaign_asks').where({ campaign_id: campaign.id }).select('id', 'text')).toEqual([{ id: asks[0].id, text: 'Stable funding' }]);
    expect((await t.db('campaigns').where({ id: campaign.id }).first()).name).toBe('Renamed');
    expect(await t.db('audit_events').where({ entity: 'campaign', entity_id: campaign.id }).pluck('action')).toEqual(expect.arrayContaining(['create', 'update']));
  });

  test('making another campaign the default moves the default to it', async () => {
    const first = await t.db('campaigns').first();
    const res = await postForm(coordinator, '/campaigns/new', { ...base, name: 'Second push', is_default: 'on' });
    expect(res.status).toBe(303);
    const defaults = await t.db('campaigns').where({ is_default: true }).pluck('name');
    expect(defaults).toEqual(['Second push']);
    expect((await t.db('campaigns').where({ id: first.id }).first()).is_default).toBe(false);
    const inactiveDefault = await postForm(coordinator, '/campaigns/new', { ...base, name: 'Dormant', active: '', is_default: 'on' });
    expect(inactiveDefault.status).toBe(422);
    expect(inactiveDefault.text).toContain('An inactive campaign cannot be the default');
    const list = await coordinator.get('/campaigns').expect(200);
    expect(list.text).toContain('Second push');
    expect(list.text).toContain('Renamed');
  });

  test('targets: every sitting federal MP, a subset by province and party, by hand; former officials do not count', async () => {
    const [campaign] = await t.db('campaigns').insert({ name: 'Targets test', active: true }).returning('*');
    const on = await createOfficial(t.db, { province: 'ON', party: 'Liberal', last_name: 'Ontarian' });
    const qc = await createOfficial(t.db, { province: 'QC', party: 'Bloc Québécois', last_name: 'Québécoise' });
    const former = await createOfficial(t.db, { province: 'ON', end_date: '2025-04-28', constituency: 'Old seat' });
    const mpp = await createOfficial(t.db, { level: 'provincial', jurisdiction: 'ca_on', last_name: 'Provincial' });
    let res = await postForm(coordinator, `/campaigns/${campaign.id}/targets`, { by: 'filter', level: 'federal', province: 'QC' }, `/campaigns/${campaign.id}/targets`);
    expect(res.status).toBe(303);
    expect(await t.db('campaign_targets').where({ campaign_id: campaign.id }).pluck('official_id')).toEqual([qc.id]);
    await postForm(coordinator, `/campaigns/${campaign.id}/targets`, { by: 'filter', level: 'federal' }, `/campaigns/${campaign.id}/targets`);
    const federal = await t.db('campaign_targets').where({ campaign_id: campaign.id }).pluck('official_id');
    expect(federal).toEqual(expect.arrayContaining([on.id, qc.id]));
    expect(federal).not.toContain(former.id);
    expect(federal).not.toContain(mpp.id);
    const search = await coordinator.get(`/campaigns/${campaign.id}/targets?q=provincial`).expect(200);
    expect(search.text).toContain('Provincial');
    await postForm(coordinator, `/campaigns/${campaign.id}/targets`, { by: 'hand', official_ids: [String(mpp.id), String(former.id)] }, `/campaigns/${campaign.id}/targets`);
    const page = await coordinator.get(`/campaigns/${campaign.id}`).expect(200);
    expect(page.text).toContain('Provincial');
    const sitting = await t.db('campaign_targets as t').join('officials as o', 'o.id', 't.official_id').where({ campaign_id: campaign.id }).whereNull('o.end_date').count('* as n').first();
    expect(page.text).toContain(`${sitting!.n} sitting targets; 1 former officials no longer count.`);
    for (const url of ['/campaigns', `/campaigns/${campaign.id}`, `/campaigns/${campaign.id}/edit`, `/campaigns/${campaign.id}/targets?q=six`, '/campaigns/new']) {
      await coordinator.get(url).set('Accept-Language', 'fr').expect(200);
    }
    res = await postForm(coordinator, `/campaigns/${campaign.id}/targets/${mpp.id}/remove`, {}, `/campaigns/${campaign.id}`);
    expect(res.status).toBe(303);
    expect(await t.db('campaign_targets').where({ campaign_id: campaign.id, official_id: mpp.id }).first()).toBeUndefined();
  });

  test('a campaign posted after the session expired is put back in the form after signing in again', async () => {
    const agent = await signIn(t.app, coordinatorEmail);
    const token = csrfFrom((await agent.get('/campaigns/new')).text);
    const coordinatorId = (await t.db('users').where({ email: coordinatorEmail }).first()).id;
    await t.db('sessions').whereRaw(`(sess::jsonb #>> '{passport,user}')::int = ?`, [coordinatorId]).delete();
    const res = await agent.post('/campaigns/new').set(FROM_OUR_PAGE).type('form').send({ ...base, _csrf: token, name: 'Typed before expiry', 'asks[0][text]': 'Kept ask' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fcampaigns%2Fnew');
    const login = await signInAt(agent, res.headers.location, coordinatorEmail);
    expect(login.headers.location).toBe('/campaigns/new');
    const form = await agent.get('/campaigns/new').expect(200);
    expect(form.text).toContain('value="Typed before expiry"');
    expect(form.text).toContain('value="Kept ask"');
    expect(await t.db('campaigns').where({ name: 'Typed before expiry' }).first()).toBeUndefined();
  });
});
