import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser, createCampaign } from '../helpers/factories';
import { meetingBy } from '../helpers/meetings.factories';
import { signIn } from '../helpers/session';

let t: TestApp;
afterAll(async () => { await t.close(); });

/**
 * The pages read in one prepared statement (shared/prepared.ts) are planned once per connection;
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
