import { cliDatabase, CliDatabase, runScript } from '../helpers/cli';

jest.setTimeout(180_000); // each run starts a process; the first one creates the embedded database

let cli: CliDatabase;
beforeAll(async () => { cli = await cliDatabase(); });
afterAll(async () => { await cli.close(); });

const SCRIPT = 'src/cli/user-create.ts';
const GOOD = 'a long enough passphrase';
const create = (args: string[], password: string | undefined = GOOD, stdin = '') =>
  runScript(SCRIPT, args, { ...cli.env, USER_PASSWORD: password }, stdin);

describe('npm run user:create', () => {
  test('says what is wrong with a bad email, a weak password and an unknown role, and exits non-zero', async () => {
    const res = await create(['--email', 'not-an-email', '--name', 'Ada', '--role', 'boss'], 'short');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('--email: Enter a valid email address');
    expect(res.stderr).toContain('password: The password must be at least 12 characters long.');
    expect(res.stderr).toContain('--role: must be member, coordinator or admin.');
    const common = await create(['--email', 'ada@example.org', '--name', 'Ada', '--role', 'admin'], 'password1234');
    expect(common.code).not.toBe(0);
    expect(common.stderr).toContain('password: This password is too common.');
    const unknownOption = await create(['--email', 'ada@example.org', '--name', 'Ada', '--role', 'admin', '--colour', 'red']);
    expect(unknownOption.code).not.toBe(0);
    expect(unknownOption.stderr).toContain('Usage: npm run user:create');
  });

  test('creates a user with the password from USER_PASSWORD; the same email again is refused', async () => {
    const res = await create(['--email', 'Ada@Example.org', '--name', 'Ada Admin', '--role', 'admin']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Created admin Ada Admin <Ada@Example.org>');
    const again = await create(['--email', 'ada@example.ORG', '--name', 'Ada Again', '--role', 'member']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('--email: Someone already uses this email address.');
  });

  test('reads the password from a piped line when USER_PASSWORD is unset; --local takes a name or an id', async () => {
    await cli.inspect((db) => db('locals').insert({ name: 'Local 79 Toronto', province: 'ON' }));
    const byName = await create(['--email', 'bo@example.org', '--name', 'Bo Member', '--role', 'member', '--local', 'local 79 toronto'], undefined, `${GOOD}\n`);
    expect(byName.stderr).toBe('');
    expect(byName.code).toBe(0);
    const localId = await cli.inspect(async (db) => (await db('locals').first('id')).id as number);
    const byId = await create(['--email', 'cy@example.org', '--name', 'Cy Coordinator', '--role', 'coordinator', '--local', String(localId)]);
    expect(byId.code).toBe(0);
    const unknown = await create(['--email', 'di@example.org', '--name', 'Di', '--role', 'member', '--local', 'Local 404']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('--local: there is no local named or numbered "Local 404". Known locals:');
    expect(unknown.stderr).toContain(`${localId} Local 79 Toronto`);

    const users = await cli.inspect((db) => db('users').orderBy('id').select('email', 'role', 'local_id', 'password_hash'));
    expect(users.map((u) => [u.email, u.role, u.local_id])).toEqual([
      ['Ada@Example.org', 'admin', null], ['bo@example.org', 'member', localId], ['cy@example.org', 'coordinator', localId],
    ]);
    expect(users[1].password_hash).toMatch(/^\$argon2id\$/);
  });
});
