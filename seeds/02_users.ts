import crypto from 'node:crypto';
import type { Db } from '../src/db';
import { firstRow, Id } from '../src/db/rows';
import type { SeedContext } from './context';
import type { Role } from '../src/shared/types';
import { createUser } from '../src/auth/users.service';
import { emailTaken } from '../src/auth/users.repo';
import { passwordProblem } from '../src/auth/passwords';

export const DEMO_USERS: { email: string; name: string; role: Role; local?: string }[] = [
  { email: 'admin.demo@example.org', name: 'Alex Admin', role: 'admin' },
  { email: 'coordinator.demo@example.org', name: 'Camille Coordinator', role: 'coordinator', local: 'Section locale 301 Montréal' },
  { email: 'member.demo@example.org', name: 'Morgan Member', role: 'member', local: 'Local 79 Toronto' },
];

/** A random password that passes the tracker's own rules. */
function generatePassword(): string {
  for (;;) {
    const password = crypto.randomBytes(12).toString('base64url');
    if (!passwordProblem(password)) return password;
  }
}

/** One user of each role; their generated passwords are printed, never stored in clear. */
export async function seed(db: Db, ctx: SeedContext): Promise<void> {
  for (const demo of DEMO_USERS) {
    if (await emailTaken(db, demo.email)) continue; // its password was printed the first time
    const local = demo.local ? await firstRow(Id, db('locals').where({ name: demo.local }).first('id'), 'a demo local') : undefined;
    const password = generatePassword();
    const result = await createUser(db, { email: demo.email, name: demo.name, role: demo.role, local_id: local?.id ?? null, password }, null);
    if (!result.ok) throw new Error(`Could not create ${demo.email}: ${JSON.stringify(result.errors)}`);
    ctx.added(1);
    ctx.say(`${demo.role.padEnd(11)} ${demo.email}  password: ${password}`);
  }
}
