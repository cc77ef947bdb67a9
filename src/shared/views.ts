import path from 'node:path';
import ejs from 'ejs';
import { ROOT_DIR } from '../config';

export const VIEWS_DIR = path.join(ROOT_DIR, 'views');

/**
 * Renders a template as the app does. Templates include partials by their path from views/
 * ('/partials/field'): given the root, EJS resolves them without looking on disk for every include.
 */
export function renderView(file: string, data: ejs.Data, cache = false): Promise<string> {
  return ejs.renderFile(path.resolve(VIEWS_DIR, file), data, { root: VIEWS_DIR, cache });
}
