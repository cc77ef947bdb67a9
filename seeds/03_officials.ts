import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../src/db';
import type { SeedContext } from './context';
import { confirmImport, previewImport } from '../src/officials/import/import.service';

/**
 * The 343 members of the 45th Parliament (autumn 2025) in the documented template format: the
 * current list, the same file a newcomer can import.
 */
export const COMMONS_FILE = path.join(__dirname, '..', 'data', 'house-of-commons-mps-2025-45th-parliament.csv');

/** The MPs of the House of Commons, imported through the officials import as a coordinator would. */
export async function seed(db: Db, ctx: SeedContext): Promise<void> {
  const hasMps = await db('officials').where({ level: 'federal', jurisdiction: 'ca' }).first('id');
  if (hasMps) return; // imported already (by a previous run or by hand)
  const admin = await db('users').where({ role: 'admin' }).orderBy('id').first('id');
  const userId = admin?.id ?? null;
  const bytes = fs.readFileSync(COMMONS_FILE);
  const batchId = await previewImport(db, { bytes, fileName: path.basename(COMMONS_FILE), userId, options: {} });
  const result = await confirmImport(db, batchId, false, userId);
  if (!result?.ok) throw new Error(`The House of Commons import was refused: ${result?.reason ?? 'no preview'}`);
  ctx.added(result.batch.added);
  ctx.say(`${result.batch.added} MPs imported from data/${path.basename(COMMONS_FILE)} (import batch ${batchId})`);
}
