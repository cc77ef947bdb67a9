import { startTestApp, TestApp } from '../helpers/app';
import { createUser } from '../helpers/factories';
import { appRoutes } from '../helpers/routes';
import { csrfFrom, signIn, Agent } from '../helpers/session';

/*
 * A path whose id is not a record id is a page that does not exist: every route with an `:id` (or
 * `:officialId`) answers 404 for one, GET and POST alike, before anything is read or written.
 */
let t: TestApp;
let admin: Agent;
let token: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await signIn(t.app, (await createUser(t.db, 'admin')).email);
  token = csrfFrom((await admin.get('/account')).text);
});
afterAll(async () => { await t.close(); });

const withIds = () => appRoutes(t.app).filter((r) => /:(id|officialId)\b/.test(r));

test('there are routes with ids to try', () => {
  expect(withIds().length).toBeGreaterThan(15);
});

test.each(['abc', '0', '-1', '1.5', '9999999999'])('every route answers 404 for the id %s', async (bad) => {
  const answers: string[] = [];
  for (const route of withIds()) {
    const [method, path] = route.split(' ');
    const url = path.replace(/:(id|officialId)\b/g, bad);
    const res = method === 'GET' ? await admin.get(url) : await admin.post(url).type('form').send({ _csrf: token });
    answers.push(`${route} ${res.status}`);
  }
  expect(answers).toEqual(withIds().map((r) => `${r} 404`));
});
