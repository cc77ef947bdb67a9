import fs from 'node:fs';
import path from 'node:path';

/*
 * Arrows point down: app → features → shared → db/config, and no cycle anywhere in src/ or
 * between src/cli/ and seeds/. A cycle makes the order of module loading matter and lets one
 * feature's change break another; this walks the import graph (type-only imports included,
 * since they are the same arrow for the reader) and fails on the first new one.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]*)['"]/g;

function tsFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const child = path.join(dir, d.name);
    if (d.isDirectory()) return tsFiles(child);
    return d.name.endsWith('.ts') ? [child] : [];
  });
}

function resolve(from: string, spec: string): string | undefined {
  const base = path.join(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((f) => f.endsWith('.ts') && fs.existsSync(path.join(ROOT, f)));
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of [...tsFiles('src'), ...tsFiles('seeds')]) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const targets = [...text.matchAll(IMPORT)].map((m) => resolve(file, m[1])).filter((t): t is string => !!t);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Each cycle once, as the chain of files that closes it. */
function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

/** The room a file lives in: a folder under src/ (a top-level file is its own), or seeds. */
const room = (file: string) => file.startsWith('seeds/') ? 'seeds' : file.split('/').slice(0, 2).join('/').replace(/\.ts$/, '');

function roomGraph(graph: Map<string, string[]>): Map<string, string[]> {
  const rooms = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    const from = rooms.get(room(file)) ?? new Set<string>();
    for (const t of targets) if (room(t) !== room(file)) from.add(room(t));
    rooms.set(room(file), from);
  }
  return new Map([...rooms].map(([r, to]) => [r, [...to].sort()]));
}

/**
 * A feature's routes and services use another feature through what it offers on purpose: its
 * services and validate files, not its repos or routes (a type may be imported from anywhere).
 * Repos may embed another feature's queries in their one statement (a page's read model), and the
 * command line, like app.ts, wires features together.
 */
function reachesIn(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  return [...text.matchAll(/\bimport\s+(type\s+)?[^'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]*)['"]/g)]
    .filter((m) => !m[1])
    .map((m) => resolve(file, m[2]))
    .filter((t): t is string => !!t && !!feature(t) && feature(t) !== feature(file) && /\.(repo|routes)\.ts$/.test(t))
    .map((t) => `${file} → ${t}`);
}

const FEATURES = ['admin', 'auth', 'campaigns', 'cli', 'dashboard', 'home', 'meetings', 'officials', 'reports'];
const feature = (file: string) => FEATURES.find((f) => file.startsWith(path.join('src', f) + path.sep));

describe('dependency arrows', () => {
  const graph = importGraph();

  it('has no import cycle in src/ or between src/cli/ and seeds/', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph)).toEqual([]);
  });

  it('has no cycle between folders (officials and campaigns, src/cli and seeds, db and shared)', () => {
    expect(cycles(roomGraph(graph))).toEqual([]);
  });

  it('keeps src/shared/ and src/db/ free of imports from the features', () => {
    const upward = [...graph].filter(([file]) => /^src\/(shared|db)\//.test(file))
      .flatMap(([file, targets]) => targets.filter((t) => feature(t) || t === 'src/app.ts' || t === 'src/server.ts')
        .map((t) => `${file} → ${t}`));
    expect(upward).toEqual([]);
  });

  it("reaches another feature only through its services, never its repos or routes", () => {
    const from = [...graph.keys()].filter((f) => feature(f) && feature(f) !== 'cli' && /\.(routes|service)\.ts$/.test(f));
    expect(from.length).toBeGreaterThan(20);
    expect(from.flatMap(reachesIn)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const made = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
    expect(cycles(made)).toEqual(['a.ts → b.ts → c.ts → a.ts']);
  });
});
