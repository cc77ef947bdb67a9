import { z } from 'zod';
import type { Db } from '../src/db';
import { allRows } from '../src/db/rows';
import type { SeedContext } from './context';

export const DEMO_LOCALS = [
  { name: 'Local 79 Toronto', union_name: 'CUPE', province: 'ON' },
  { name: 'Section locale 301 Montréal', union_name: 'SCFP', province: 'QC' },
  { name: 'Local 873 Vancouver', union_name: 'CUPE', province: 'BC' },
  { name: 'Local 2204 Halifax', union_name: 'CUPE', province: 'NS' },
  { name: 'Local 500 Winnipeg', union_name: 'CUPE', province: 'MB' },
  { name: 'Local 1158 Edmonton', union_name: 'CUPE', province: 'AB' },
];

/** A few locals across the country. */
export async function seed(db: Db, ctx: SeedContext): Promise<void> {
  const inserted = await allRows(z.object({ name: z.string() }), db('locals').insert(DEMO_LOCALS).onConflict().ignore().returning('name'), 'the demo locals added');
  ctx.added(inserted.length);
  if (inserted.length) ctx.say(`${inserted.length} local(s): ${inserted.map((l) => l.name).join(', ')}`);
}
