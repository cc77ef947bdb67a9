import { z } from 'zod';
import type { Db } from '../db';
import { allRows, Count, firstRow } from '../db/rows';
import { LANGUAGES } from '../i18n/i18n';
import { ROLES, type Role, type SessionUser } from '../shared/types';

/** A users row without its password hash: what the session and every page know of a user. */
export const SessionUserRow = z.object({
  id: z.number(), email: z.string(), name: z.string(), role: z.enum(ROLES), local_id: z.number().nullable(),
  language: z.enum(LANGUAGES).nullable(), active: z.boolean(), sessions_valid_after: z.date(),
}) satisfies z.ZodType<SessionUser>;

export const PUBLIC_COLUMNS = Object.keys(SessionUserRow.shape);

export function findUserById(db: Db, id: number): Promise<SessionUser | undefined> {
  return firstRow(SessionUserRow, db('users').where({ id }).first(PUBLIC_COLUMNS), 'a user by id');
}

const WithHash = SessionUserRow.extend({ password_hash: z.string() });

export function findUserByEmailWithHash(db: Db, email: string): Promise<(SessionUser & { password_hash: string }) | undefined> {
  return firstRow(WithHash, db('users').whereRaw('lower(email) = lower(?)', [email]).first([...PUBLIC_COLUMNS, 'password_hash']), 'a user by e-mail');
}

export async function emailTaken(db: Db, email: string, exceptId?: number): Promise<boolean> {
  const row: unknown = await db('users').whereRaw('lower(email) = lower(?)', [email])
    .modify((q) => { if (exceptId) q.whereNot({ id: exceptId }); })
    .first('id');
  return row !== undefined;
}

export async function anyUserExists(db: Db): Promise<boolean> {
  const row: unknown = await db('users').first('id');
  return row !== undefined;
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
  const [row] = await allRows(SessionUserRow, db('users').insert(user).returning(PUBLIC_COLUMNS), 'a new user');
  return row;
}

export async function updateUser(db: Db, id: number, changes: Partial<NewUser & { active: boolean; sessions_valid_after: Date; last_login_at: Date }>): Promise<void> {
  await db('users').where({ id }).update({ ...changes, updated_at: db.fn.now() });
}

export async function countUsers(db: Db): Promise<number> {
  const row = await firstRow(Count, db('users').first(db.raw('count(*)::int as n')), 'the count of users');
  return row?.n ?? 0;
}

const UserListRow = z.object({
  id: z.number(), email: z.string(), name: z.string(), role: z.enum(ROLES), active: z.boolean(), local_id: z.number().nullable(),
  last_login_at: z.date().nullable(), local_name: z.string().nullable(),
});

/** One page of users with their local's name, by name. */
export function listUsers(db: Db, page: { limit: number; offset: number }): Promise<z.output<typeof UserListRow>[]> {
  return allRows(UserListRow, db('users as u')
    .leftJoin('locals as l', 'l.id', 'u.local_id')
    .orderByRaw('lower(u.name), u.id')
    .limit(page.limit)
    .offset(page.offset)
    .select('u.id', 'u.email', 'u.name', 'u.role', 'u.active', 'u.local_id', 'u.last_login_at', 'l.name as local_name'), 'a page of users');
}
