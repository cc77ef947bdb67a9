import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig, passwordFromEnvironment } from '../config';
import { openDatabase, migrateLatest, Db } from '../db';
import { translator } from '../i18n/i18n';
import { parseUserForm, UserInput } from '../auth/users.validate';
import { createUser } from '../auth/users.service';
import { findLocalByIdOrName, localChoices } from '../admin/locals.repo';
import { CliError, runCli } from './run-cli';

const USAGE = 'Usage: npm run user:create -- --email E --name N --role member|coordinator|admin [--local L]\n' +
  'The password comes from USER_PASSWORD or, if it is not set, from the first line of standard input.';

/** Which option each form field came from, so that a message names what to fix. */
const OPTION: Record<string, string> = { email: '--email', name: '--name', role: '--role', local_id: '--local', password: 'password' };

/**
 * npm run user:create — creates a user from the command line, with the same rules as the admin page.
 * Input is checked before the database is opened, so that a typo fails fast.
 */
runCli(async () => {
  const options = readOptions(process.argv.slice(2));
  const password = passwordFromEnvironment() ?? (await readPassword());
  const form = parseUserForm({ ...options, password });
  if (!form.ok) throw new CliError(describeErrors(form.errors));

  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrateLatest(database.knex);
    const input: UserInput = { ...form.value, local_id: options.local ? await resolveLocal(database.knex, options.local) : null };
    const result = await createUser(database.knex, input, null);
    if (!result.ok) throw new CliError(describeErrors(result.errors));
    const { user } = result;
    console.log(`Created ${user.role} ${user.name} <${user.email}> (id ${user.id}) in ${database.description}.`);
  } finally {
    await database.close();
  }
});

function readOptions(args: string[]) {
  try {
    const { values } = parseArgs({
      args,
      options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, local: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    return values;
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${USAGE}`);
  }
}

/** The first line of standard input: typed at a prompt, or piped (`echo "…" | npm run user:create …`). */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (at least 12 characters): ');
  const lines = readline.createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

async function resolveLocal(db: Db, key: string): Promise<number> {
  const local = await findLocalByIdOrName(db, key.trim());
  if (local) return local.id;
  const known = (await localChoices(db)).map((l) => `${l.id} ${l.name}`);
  throw new CliError(`--local: there is no local named or numbered "${key}".` +
    (known.length ? ` Known locals:\n  ${known.join('\n  ')}` : ' There are no locals yet: an administrator creates them under Admin → Locals.'));
}

function describeErrors(errors: Record<string, string>): string {
  const t = translator('en');
  const lines = Object.entries(errors).map(([field, key]) =>
    field === 'role' ? '--role: must be member, coordinator or admin.' : `${OPTION[field] ?? field}: ${t(key)}`);
  return `${lines.join('\n')}\n${USAGE}`;
}
