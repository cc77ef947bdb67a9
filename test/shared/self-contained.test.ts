import fs from 'node:fs';
import path from 'node:path';

/*
 * The repository stands on its own: a clone anywhere must find every file it uses inside itself.
 * Running the suite from a fresh folder proves nothing on a machine where the old absolute path
 * still exists, so this reads the text of the code and fails on any path that leaves the checkout.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SCANNED = ['src', 'test', 'seeds', 'migrations', '.ci', 'knexfile.ts'];
const TEXT = /\.(ts|js|json|ejs|md|sh|sql)$|^[^.]+$/;

/*
 * Folders of a user's machine that code must never name. System locations the code legitimately
 * reads (/proc, /usr/lib/postgresql, /usr/bin/chromium, /etc/postgresql, /dev) are not in the
 * list; temporary files go through os.tmpdir(), so tmp is in the list.
 */
const PRIVATE_ROOTS = ['work', 'home', 'root', 'mnt', 'srv', 'opt', 'var', 'Users', 'media', 'tmp', 'shared'];
const ABSOLUTE = new RegExp(`(?<![\\w.:/~-])/(?:${PRIVATE_ROOTS.join('|')})(?=/|['"\`\\s)]|$)`, 'g');
const STRING = /'([^'\n\\]*)'|"([^"\n\\]*)"/g;
const JOIN_FROM_HERE = /path\.(?:join|resolve)\(\s*__dirname((?:\s*,\s*(?:'[^'\n]*'|"[^"\n]*"))*)/g;

function filesUnder(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((d) => {
    const child = path.join(entry, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : filesUnder(child);
    return d.isFile() && TEXT.test(d.name) ? [path.join(ROOT, child)] : [];
  });
}

const inside = (p: string) => p === ROOT || p.startsWith(ROOT + path.sep);

/** Every place in one file's text that names a folder outside the repository, as `line: excerpt`. */
function pathsLeavingRepository(file: string, text: string): string[] {
  const dir = path.dirname(file);
  const found: string[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  for (const m of text.matchAll(ABSOLUTE)) found.push(`${lineOf(m.index)}: absolute path ${m[0]}`);
  for (const m of text.matchAll(STRING)) {
    const literal = m[1] ?? m[2];
    if (!/^\.\.?\//.test(literal)) continue;
    if (!inside(path.resolve(dir, literal))) found.push(`${lineOf(m.index)}: '${literal}' climbs out of the repository`);
  }
  for (const m of text.matchAll(JOIN_FROM_HERE)) {
    const segments = [...m[1].matchAll(/'([^'\n]*)'|"([^"\n]*)"/g)].map((s) => s[1] ?? s[2]);
    if (!inside(path.resolve(dir, ...segments))) found.push(`${lineOf(m.index)}: ${m[0]} climbs out of the repository`);
  }
  return found;
}

describe('the repository stands on its own', () => {
  it('names no folder outside the checkout in src/, test/, seeds/, migrations/ or .ci/', () => {
    const files = SCANNED.flatMap(filesUnder);
    expect(files.length).toBeGreaterThan(100);
    const problems = files.flatMap((file) => pathsLeavingRepository(file, fs.readFileSync(file, 'utf8'))
      .map((p) => `${path.relative(ROOT, file)}:${p}`));
    expect(problems).toEqual([]);
  });

  it('recognises what it forbids and lets through what the code legitimately uses', () => {
    const file = path.join(ROOT, 'test', 'e2e', 'browser.ts');
    const slash = '/';
    const up = '..';
    const bad = [
      `const f = '${slash}work${slash}shared${slash}fixtures${slash}x.csv';`,
      `const d = path.resolve(__dirname, '${up}', '${up}', '${up}', 'shared', 'fixtures');`,
      `import x from '${up}/${up}/${up}/beside';`,
      `const h = "${slash}home${slash}someone${slash}data";`,
    ];
    for (const line of bad) expect(pathsLeavingRepository(file, line)).toHaveLength(1);
    const good = [
      `const f = path.join(__dirname, '..', '..', 'data', 'house-of-commons-mps-2021-10.csv');`,
      `import { startServer } from './server';`,
      `import { openDatabase } from '../../src/db';`,
      `const root = '/usr/lib/postgresql'; const proc = '/proc'; const chromium = '/usr/bin/chromium';`,
      `agent.get('/officials/imports'); expect(back('/a/b/../../../../x')).toBe('/x');`,
      `const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpt-'));`,
    ];
    for (const line of good) expect(pathsLeavingRepository(file, line)).toEqual([]);
  });
});
