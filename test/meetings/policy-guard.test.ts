import fs from 'node:fs';
import path from 'node:path';

/*
 * Access decisions are made in src/meetings/policy.ts and nowhere else: this reads every source
 * file for the ways such a decision is written (a role test, a record's owner or local compared with
 * the signed-in user's, a query narrowed by the user's id or local) and fails on one outside the
 * files below. The signed-in user is `user`, `req.user` or `signedInUser(req)` throughout src/.
 */
const ROOT = path.resolve(__dirname, '..', '..');

/** Where such a check belongs, and why each of the others may hold one. Keep it short. */
const ALLOWED: Record<string, string> = {
  'src/meetings/policy.ts': 'the policy itself',
  'src/shared/auth-guards.ts': 'defines hasRole, and requireRole: the least role a route needs (test/hardening/access.test.ts holds every route to it)',
  'src/shared/locals.ts': "can(role) for templates, which only show or hide a link; the server decides again",
  'src/dashboard/dashboard.service.ts': "which local's figures a dashboard counts (a member's own): aggregates, not records",
  'src/dashboard/lists.service.ts': "which local's targets a figure's list shows (a member's own), as the dashboard counts them",
  'src/dashboard/lists.routes.ts': "whether a figure's list names the member's local as fixed (a tag that cannot be removed)",
  'src/campaigns/targets.service.ts': "a local's claim on a campaign's target: the campaigns' rule over targets, not over meetings or follow-ups",
};

const USER = String.raw`(?:\buser|\breq\.user|\bsignedInUser\(req\))\??`;
const OWNER = String.raw`(?:local_id|logged_by|assignee_id|created_by|done_by|user_id)`;
const COMPARE = String.raw`[!=]==?`;

/** The shapes of an access check, each with what it is. Comments are removed before they are read. */
export const PATTERNS: [string, RegExp][] = [
  ['a role test', /\bhasRole\s*\(/],
  ['a role test', new RegExp(`${USER}\\.role\\s*${COMPARE}|${COMPARE}\\s*${USER}\\.role\\b`)],
  ["a comparison with the user's local", new RegExp(`${USER}\\.local_id\\s*${COMPARE}|${COMPARE}\\s*${USER}\\.local_id\\b`)],
  ["a record's owner compared with the user", new RegExp(`${OWNER}\\s*${COMPARE}\\s*${USER}\\.id\\b|${USER}\\.id\\s*${COMPARE}\\s*[\\w.?]*${OWNER}\\b`)],
  ["a query narrowed by the user's id or local", new RegExp(`\\b(?:or|and)?where\\w*\\(\\s*['"][\\w.]+['"]\\s*,\\s*(?:['"]=['"]\\s*,\\s*)?${USER}\\.(?:id|local_id)\\b`, 'i')],
  ["a query narrowed by the user's id or local", new RegExp(`\\b(?:or|and)?where\\w*\\(\\s*\\{[^}]*${USER}\\.(?:id|local_id)\\b`, 'i')],
  ["a query narrowed by the user's id or local", new RegExp(`\\b(?:or|and)?where\\w*Raw\\([^;]*${USER}\\.(?:id|local_id)\\b`, 'i')],
];

/** Each line of `text` that holds an access check, as "line: what". */
export function accessChecks(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/\/\/.*$/gm, '');
  return code.split('\n').flatMap((line, i) => PATTERNS.filter(([, re]) => re.test(line)).slice(0, 1).map(([what]) => `${i + 1}: ${what}`));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const child = `${dir}/${d.name}`;
    if (d.isDirectory()) return sourceFiles(child);
    return d.name.endsWith('.ts') ? [child] : [];
  });
}

test('no access check is written outside the policy module (and the few files allowed, for their reasons)', () => {
  const found = sourceFiles('src').filter((f) => !ALLOWED[f])
    .flatMap((f) => accessChecks(fs.readFileSync(path.join(ROOT, f), 'utf8')).map((c) => `${f}:${c}`));
  expect(found).toEqual([]);
});

test('every file allowed still exists and still holds such a check (else it leaves the list)', () => {
  for (const f of Object.keys(ALLOWED)) expect([f, accessChecks(fs.readFileSync(path.join(ROOT, f), 'utf8')).length > 0]).toEqual([f, true]);
});

describe('the guard recognises an access check written the usual ways', () => {
  test.each([
    "if (hasRole(user, 'coordinator')) return q;",
    "if (req.user.role === 'admin') next();",
    'if (m.local_id === user.local_id) return true;',
    'return meeting.logged_by === user.id;',
    'if (followUp.assignee_id !== user.id) throw new NotFoundError();',
    "q.where('m.local_id', user.local_id);",
    "w.orWhere('f.assignee_id', '=', signedInUser(req).id);",
    'q.where({ logged_by: user.id });',
    "q.whereRaw('m.local_id = ?', [user.local_id]);",
  ])('%s', (line) => {
    expect(accessChecks(line)).toHaveLength(1);
  });

  test.each([
    'await recordAudit(trx, { user_id: user.id, action: "done" });',
    "local_id: user.local_id ? String(user.local_id) : '',",
    'if (user.id === signedInUser(req).id) req.session.authenticatedAt = 1;',
    "const losesAdmin = before.role === 'admin';",
    '// if (hasRole(user, "coordinator")) in a comment',
    "q.where('f.assignee_id', filters.assignee_id);",
  ])('but not in %s', (line) => {
    expect(accessChecks(line)).toEqual([]);
  });
});
