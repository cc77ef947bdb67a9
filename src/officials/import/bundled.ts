import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { ROOT_DIR } from '../../config';
import { previewImport } from './import.service';

/**
 * The list that ships with the tracker: the 343 members of the 45th Parliament (autumn 2025) in
 * the template format. The demo data and an empty directory's "import the bundled list" use it.
 */
export const BUNDLED_LIST = path.join(ROOT_DIR, 'data', 'house-of-commons-mps-2025-45th-parliament.csv');

/** Previews the bundled list as if the coordinator had uploaded it: the batch's id. */
export function previewBundledList(db: Knex, userId: number | null): Promise<number> {
  return previewImport(db, { bytes: fs.readFileSync(BUNDLED_LIST), fileName: path.basename(BUNDLED_LIST), userId, options: {} });
}
