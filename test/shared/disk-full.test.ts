import request from 'supertest';
import { startTestApp, TestApp } from '../helpers/app';
import { postForm } from '../helpers/session';

/**
 * A database whose disk is full refuses the write with SQLSTATE 53100 (on a real PostgreSQL an ERROR,
 * on the embedded one also a PANIC): the member is told so, not sent to a generic error page.
 * The refusal is raised here by a trigger, as the disk would raise it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.db.raw(`create function refuse_disk_full() returns trigger language plpgsql as $$
    begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$`);
  await t.db.raw(`create trigger disk_full before insert on users for each row execute function refuse_disk_full()`);
});
afterAll(async () => { await t.close(); });

const fields = { name: 'Ada Admin', email: 'ada@example.org', password: 'a long enough passphrase' };

test('a write refused for a full disk answers 503 with a plain message, and nothing is saved', async () => {
  const res = await postForm(request.agent(t.app), '/setup', fields);
  expect(res.status).toBe(503);
  expect(res.text).toContain('The server’s disk is full; nothing was saved.');
  expect(await t.db('users').count('* as n').first()).toEqual({ n: '0' });
});

test('in French too', async () => {
  const agent = request.agent(t.app);
  await agent.get('/language/fr');
  const res = await postForm(agent, '/setup', fields);
  expect(res.status).toBe(503);
  expect(res.text).toContain('Le disque du serveur est plein; rien n’a été enregistré.');
});
