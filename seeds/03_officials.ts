import path from 'node:path';
import type { Db } from '../src/db';
import { firstRow, Id } from '../src/db/rows';
import type { SeedContext } from './context';
import { confirmImport } from '../src/officials/import/import.service';
import { BUNDLED_LIST, previewBundledList } from '../src/officials/import/bundled';

/** The MPs of the House of Commons, imported through the officials import as a coordinator would. */
export async function seed(db: Db, ctx: SeedContext): Promise<void> {
  const hasMps = await firstRow(Id, db('officials').where({ level: 'federal', jurisdiction: 'ca' }).first('id'), 'a federal MP');
  if (hasMps) return; // imported already (by a previous run or by hand)
  const admin = await firstRow(Id, db('users').where({ role: 'admin' }).orderBy('id').first('id'), 'the first admin');
  const userId = admin?.id ?? null;
  // The bundled list: the 343 members of the 45th Parliament, the same file a newcomer is offered.
  const batchId = await previewBundledList(db, userId);
  const result = await confirmImport(db, batchId, false, userId);
  if (!result?.ok) throw new Error(`The House of Commons import was refused: ${result?.reason ?? 'no preview'}`);
  ctx.added(result.batch.added);
  ctx.say(`${result.batch.added} MPs imported from data/${path.basename(BUNDLED_LIST)} (import batch ${batchId})`);
}
