import { startTestApp, TestApp } from '../helpers/app';
import { prepared } from '../../src/db/prepared';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';
import { meetingBy } from '../helpers/meetings.factories';
import { signIn } from '../helpers/session';

let t: TestApp;
afterAll(async () => { await t.close(); });

/**
 * The pages read in one prepared statement (db/prepared.ts) are planned once per connection;
 * a migration that adds a column while the app runs must not break them.
 */
test("a meeting's page and an official's page still answer after a column is added to their tables", async () => {
  t = await startTestApp();
  const local = await createLocal(t.db);
  const member = await createUser(t.db, 'member', { local_id: local.id, name: 'Pia Prepared' });
  const mp = await createOfficial(t.db, { first_name: 'Olive', last_name: 'Official' });
  const campaign = await createCampaign(t.db, {}, ['Funding']);
  const first = await meetingBy(t.db, member, { official_id: mp.id, campaign_id: campaign.id, held_on: '2026-03-01', stance: 'champion' });
  const agent = await signIn(t.app, member.email);

  for (let i = 0; i < 7; i++) { // past the five custom plans after which PostgreSQL may keep a generic one
    const second = await meetingBy(t.db, member, { official_id: mp.id, campaign_id: campaign.id, held_on: `2026-04-0${i + 1}`, notes: `Visit ${i}` });
    expect((await agent.get(`/meetings/${second.id}`).expect(200)).text).toContain(`Visit ${i}`);
    expect((await agent.get(`/officials/${mp.id}`).expect(200)).text).toContain('Olive Official');
  }
  await t.db.raw('ALTER TABLE meetings ADD COLUMN added_later integer');
  await t.db.raw('ALTER TABLE officials ADD COLUMN added_later integer');

  expect((await agent.get(`/meetings/${first.id}`).expect(200)).text).toContain('Champion');
  expect((await agent.get(`/officials/${mp.id}`).expect(200)).text).toContain('Latest stance: Champion');
  const third = await meetingBy(t.db, member, { official_id: mp.id, campaign_id: campaign.id, held_on: '2026-05-01', notes: 'After the migration' });
  expect((await agent.get(`/meetings/${third.id}`).expect(200)).text).toContain('After the migration');
});

// Guards the subclass of Knex's PostgreSQL client (an internal Knex could change) as much as the marking.
test('a statement marked prepared is kept by PostgreSQL under a name, once, and others are not', async () => {
  t ??= await startTestApp();
  // A transaction holds one connection, whose prepared statements pg_prepared_statements lists.
  await t.db.transaction(async (trx) => {
    const named = async () => (await trx.raw(`SELECT statement FROM pg_prepared_statements WHERE name LIKE 'p\\_%'`)).rows
      .map((r: { statement: string }) => r.statement).filter((s: string) => s.includes('prepared_probe'));
    expect(await named()).toEqual([]);
    await trx('officials').where({ id: 1 }).first(trx.raw('1 AS not_prepared_probe'));
    expect(await named()).toEqual([]);
    for (let i = 0; i < 3; i++) await prepared(trx('officials').where({ id: i })).first(trx.raw('1 AS prepared_probe'));
    expect(await named()).toEqual([expect.stringContaining('1 AS prepared_probe')]);
  });
});
