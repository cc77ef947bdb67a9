import type { Db } from '../db';
import type { Role, SessionUser } from '../shared/types';

export const PUBLIC_COLUMNS = ['id', 'email', 'name', 'role', 'local_id', 'language', 'active', 'sessions_valid_after'];

export function findUserById(db: Db, id: number): Promise<SessionUser | undefined> {
  return db('users').where({ id }).first(PUBLIC_COLUMNS);
}

export function findUserByEmailWithHash(db: Db, email: string): Promise<(SessionUser & { password_hash: string }) | undefined> {
  return db('users').whereRaw('lower(email) = lower(?)', [email]).first([...PUBLIC_COLUMNS, 'password_hash']);
}

export async function emailTaken(db: Db, email: string, exceptId?: number): Promise<boolean> {
  const row = await db('users').whereRaw('lower(email) = lower(?)', [email])
    .modify((q) => { if (exceptId) q.whereNot({ id: exceptId }); })
    .first('id');
  return !!row;
}

export async function anyUserExists(db: Db): Promise<boolean> {
  return !!(await db('users').first('id'));
}

export interface NewUser {
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  local_id: number | null;
  language?: string | null;
}

export async function insertUser(db: Db, user: NewUser): Promise<SessionUser> {
  const [row] = await db('users').insert(user).returning(PUBLIC_COLUMNS);
  return row;
}

export async function updateUser(db: Db, id: number, changes: Partial<NewUser & { active: boolean; sessions_valid_after: Date; last_login_at: Date }>): Promise<void> {
  await db('users').where({ id }).update({ ...changes, updated_at: db.fn.now() });
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db('users').first(db.raw('count(*)::int as n'));
  return row.n;
}

/** One page of users with their local's name, by name. */
export function listUsers(db: Db, page: { limit: number; offset: number }) {
  return db('users as u')
    .leftJoin('locals as l', 'l.id', 'u.local_id')
    .orderByRaw('lower(u.name), u.id')
    .limit(page.limit)
    .offset(page.offset)
    .select('u.id', 'u.email', 'u.name', 'u.role', 'u.active', 'u.local_id', 'u.last_login_at', 'l.name as local_name');
}
