import { z } from 'zod';
import type { Db } from '../db';
import { allRows } from '../db/rows';
import { fold } from '../shared/fold';
import type { Scope } from './import/rows';
import { councilCity } from './councils.repo';

const VacancyRow = z.object({
  id: z.number(), level: z.string(), jurisdiction: z.string(), constituency: z.string(), since: z.string(), council_city: z.string().nullable(),
});
export type VacancyRow = z.output<typeof VacancyRow>;

/**
 * Records the seats a file lists as vacant (keeping the day a seat first became vacant) and removes
 * the vacancy of every seat the file gives a member.
 */
export async function recordVacancies(db: Db, scope: Scope, source: string, vacant: { constituency: string }[], filled: string[], since: string): Promise<void> {
  const keys = filled.map((c) => fold(c));
  if (keys.length) await db('vacancies').where(scope).whereIn('constituency_key', keys).delete();
  if (!vacant.length) return;
  await db('vacancies')
    .insert(vacant.map((v) => ({ ...scope, constituency: v.constituency, constituency_key: fold(v.constituency), since, source })))
    .onConflict(['level', 'jurisdiction', 'constituency_key']).ignore();
}

/** Every vacant seat, by body then riding: the directory lists them. */
export function listVacancies(db: Db): Promise<VacancyRow[]> {
  return allRows(VacancyRow, db('vacancies').select('id', 'level', 'jurisdiction', 'constituency', db.raw(`to_char(since, 'YYYY-MM-DD') AS since`), councilCity(db, 'vacancies.jurisdiction'))
    .orderBy(['level', 'jurisdiction', 'constituency_key']).limit(500), 'the vacant seats');
}
