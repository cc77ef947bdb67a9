import type { Knex } from 'knex';
import { hashPassword } from '../../src/auth/passwords';
import { insertUser } from '../../src/auth/users.repo';
import type { Role, SessionUser } from '../../src/shared/types';

export const PASSWORD = 'correct horse battery staple';

let hashed: Promise<string> | undefined;
let counter = 0;
const unique = () => `${process.pid}-${++counter}`;

export async function createLocal(db: Knex, fields: Partial<{ name: string; province: string; union_name: string }> = {}) {
  const [local] = await db('locals').insert({ name: `Local ${unique()}`, province: 'ON', ...fields }).returning('*');
  return local as { id: number; name: string; province: string };
}

/** A user whose password is PASSWORD (hashed once per file: argon2 is slow on purpose). */
export async function createUser(db: Knex, role: Role = 'member', fields: Partial<{ email: string; name: string; local_id: number | null; active: boolean }> = {}): Promise<SessionUser> {
  hashed ??= hashPassword(PASSWORD);
  const n = unique();
  const user = await insertUser(db, {
    email: fields.email ?? `${role}-${n}@example.org`,
    name: fields.name ?? `${role[0].toUpperCase()}${role.slice(1)} ${n}`,
    role,
    local_id: fields.local_id ?? null,
    password_hash: await hashed,
  });
  if (fields.active === false) await db('users').where({ id: user.id }).update({ active: false });
  return user;
}

export interface OfficialFields {
  level: string; jurisdiction: string; honorific: string | null; first_name: string; last_name: string;
  constituency: string; constituency_fr: string | null; constituency_key: string; search_text: string;
  province: string; party: string; start_date: string | null; end_date: string | null;
}

export async function createOfficial(db: Knex, fields: Partial<OfficialFields> = {}) {
  const n = unique();
  const constituency = fields.constituency ?? `Riding ${n}`;
  const [official] = await db('officials').insert({
    level: 'federal', jurisdiction: 'ca', first_name: 'Pat', last_name: `Member ${n}`,
    constituency, constituency_key: constituency.toLowerCase(), province: 'ON', party: 'Liberal',
    search_text: `pat member ${n} ${constituency}`.toLowerCase(), start_date: '2021-09-20', ...fields,
  }).returning('*');
  return official;
}
