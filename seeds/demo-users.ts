import type { Db } from '../src/db';
import { firstRow } from '../src/db/rows';
import { PUBLIC_COLUMNS, SessionUserRow } from '../src/auth/users.repo';
import type { Role, SessionUser } from '../src/shared/types';
import { DEMO_USERS } from './02_users';

/** The demo user of a role (02_users), as the services expect a signed-in user. */
export async function demoUser(db: Db, role: Role): Promise<SessionUser> {
  const email = DEMO_USERS.find((u) => u.role === role)!.email;
  const user = await firstRow(SessionUserRow, db('users').whereRaw('lower(email) = ?', [email.toLowerCase()]).first(PUBLIC_COLUMNS), `the demo ${role}`);
  if (!user) throw new Error(`The demo ${role} ${email} is missing`);
  return user;
}
