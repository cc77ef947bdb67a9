import type { Db } from '../db';

/** Remembers a council's city as its latest imported list spells it (see the councils migration). */
export async function recordCouncil(db: Db, jurisdiction: string, city: string): Promise<void> {
  await db('councils').insert({ jurisdiction, city }).onConflict('jurisdiction').merge({ city, updated_at: db.fn.now() });
}

/** A council's city, as a sub-select of a statement that reads `<table>.jurisdiction`: the page names the council by it. */
export function councilCity(db: Db, jurisdictionColumn: string) {
  return db.raw(`(SELECT c.city FROM councils c WHERE c.jurisdiction = ${jurisdictionColumn}) AS council_city`);
}
