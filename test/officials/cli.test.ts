import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openEmbedded, openPostgres, Database } from '../../src/db';
import { adminUrl } from '../helpers/databases';
import { COMMONS_FIXTURE, organizationFile, SEVERAL_BODIES } from '../helpers/officials.factories';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpt-cli-'));
const pgUrl = process.env.TEST_DATABASE_URL;
const dbName = `mpt_cli_${crypto.randomBytes(4).toString('hex')}`;
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: dataDir, DATABASE_URL: '' };

/** npm run import:officials -- ARGS, on a database of this file's own (real PostgreSQL or embedded). */
async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/cli/import-officials.ts', ...args], { cwd: ROOT, env });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

async function withDb<T>(fn: (db: Database['knex']) => Promise<T>): Promise<T> {
  const db = pgUrl ? openPostgres(env.DATABASE_URL!, 1) : await openEmbedded({ dataDir: path.join(dataDir, 'pgdata') });
  try { return await fn(db.knex); } finally { await db.close(); }
}

beforeAll(async () => {
  if (!pgUrl) return;
  const admin = openPostgres(adminUrl(pgUrl), 1);
  await admin.knex.raw(`CREATE DATABASE "${dbName}"`);
  await admin.close();
  const url = new URL(pgUrl);
  url.pathname = `/${dbName}`;
  env.DATABASE_URL = url.toString();
});
afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (!pgUrl) return;
  const admin = openPostgres(adminUrl(pgUrl), 1);
  await admin.knex.raw(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.close();
});

test('a refused file exits non-zero with the plain message', async () => {
  const pdf = path.join(dataDir, 'list.csv');
  fs.writeFileSync(pdf, '%PDF-1.4\n');
  const { code, out } = await cli(pdf);
  expect(code).toBe(1);
  expect(out).toContain('list.csv: This looks like a PDF file');
  const bad = await cli(COMMONS_FIXTURE, '--level', 'galactic');
  expect(bad.code).toBe(1);
  expect(bad.out).toContain('Choose a level from the list');
}, 120_000);

test('prints the preview, applies only with --yes, and a second run changes nothing', async () => {
  const dry = await cli(COMMONS_FIXTURE);
  expect(dry.code).toBe(0);
  expect(dry.out).toContain('House of Commons export (English)');
  expect(dry.out).toContain('Added 338, updated 0, unchanged 0, ended 0, rejected 0');
  expect(dry.out).toContain('Nothing written. Run again with --yes');
  expect(await withDb((db) => db('officials').count('* as n').first())).toEqual({ n: '0' });

  const applied = await cli(COMMONS_FIXTURE, '--yes');
  expect(applied.out).toContain('338 added, 0 updated, 0 ended');
  const again = await cli(COMMONS_FIXTURE, '--yes', '--complete');
  expect(again.out).toContain('This file changes nothing');
  expect(again.out).toContain('nothing changed');
  const rows = await withDb((db) => db('import_batches').orderBy('id').select('status', 'added', 'unchanged', 'file_name', 'user_id'));
  expect(rows.map((r) => r.status)).toEqual(['previewed', 'applied', 'applied']);
  expect(rows[2]).toMatchObject({ added: 0, unchanged: 338, file_name: 'house-of-commons-mps-2021-10.csv', user_id: null });
}, 180_000);

test('prints each person to check, flips one with --different-person, refuses a row that is not a case, and takes --ended-on', async () => {
  const file = (name: string, rows: string[]) => {
    const at = path.join(dataDir, name);
    fs.writeFileSync(at, ['first_name,last_name,constituency,party,start_date', ...rows].join('\n'));
    return at;
  };
  const scope = ['--level', 'provincial', '--jurisdiction', 'ca_pe'];
  await cli(file('first.csv', ['Una,Cli,Cli Riding,Liberal,2023-04-03', 'Vic,Cli,Cli Other,NDP,2023-04-03']), ...scope, '--yes');
  const second = file('second.csv', ['Una,Newname,Cli Riding,Liberal,2023-04-03', 'Vic,Cli,Cli Other,NDP,2023-04-03']);
  const dry = await cli(second, ...scope);
  expect(dry.out).toContain('Row 2: same person, name changed: Una Cli → Una Newname (Cli Riding): Same person: 0 meetings move to Una Newname (--different-person 2 to change it)');
  const notACase = await cli(second, ...scope, '--same-person', '3', '--yes');
  expect(notACase.code).toBe(1);
  expect(notACase.out).toContain('Row 3 is not one of the people to check in this preview (2).');
  const badDate = await cli(second, ...scope, '--ended-on', '2026-02-30', '--yes');
  expect(badDate.code).toBe(1);
  expect(badDate.out).toContain('Write a date between 1867-07-01 and today');

  const flipped = await cli(second, ...scope, '--different-person', '2', '--yes');
  expect(flipped.out).toContain('Different person: Una Newname is added and Una Cli is ended — 0 meetings stay with Una Cli');
  expect(flipped.out).toContain('1 added, 0 updated, 1 ended');
  const ended = await cli(file('third.csv', ['Una,Newname,Cli Riding,Liberal,2023-04-03']), ...scope, '--complete', '--ended-on', '2026-01-15', '--yes');
  expect(ended.out).toContain('1 ended');
  const officials = await withDb((db) => db('officials').where({ jurisdiction: 'ca_pe' }).orderBy('id').select('first_name', 'last_name', 'end_date'));
  expect(officials).toEqual([
    { first_name: 'Una', last_name: 'Cli', end_date: '2023-04-03' },
    { first_name: 'Vic', last_name: 'Cli', end_date: '2026-01-15' },
    { first_name: 'Una', last_name: 'Newname', end_date: null },
  ]);
}, 600_000);

test('a file of several bodies needs no jurisdiction: each body is printed with its counts, and --body picks those to import', async () => {
  const file = path.join(dataDir, 'represent-bodies.csv');
  fs.writeFileSync(file, organizationFile(SEVERAL_BODIES));
  const dry = await cli(file);
  expect(dry.code).toBe(0);
  expect(dry.out).toContain('Open North Represent (windows-1252), 4 bodies');
  expect(dry.out).toContain('  Toronto City Council (ca_on_toronto): 2 rows: 2 to add, 0 to update, 0 unchanged, 0 to end; 0 sitting officials not in the file.');
  expect(dry.out).toContain('  Montréal City Council (ca_qc_montreal): 1 row: 1 to add');
  expect(dry.out).toContain('row 9, Organization: “Hogwarts Board of Governors” is not a body the tracker knows');
  const unknown = await cli(file, '--body', 'ca_on_hogwarts');
  expect(unknown.code).toBe(1);
  expect(unknown.out).toContain('“ca_on_hogwarts” is not one of the bodies of this file (ca_on, ca_qc, ca_on_toronto, ca_qc_montreal).');
  const applied = await cli(file, '--body', 'ca_on_toronto', '--body', 'ca_qc_montreal', '--yes');
  expect(applied.out).toContain('National Assembly of Québec (ca_qc): left out.');
  expect(applied.out).toContain('3 added, 0 updated, 0 ended');
  const officials = await withDb((db) => db('officials').whereIn('jurisdiction', ['ca_on', 'ca_qc', 'ca_on_toronto', 'ca_qc_montreal']).orderBy('last_name').select('last_name', 'jurisdiction'));
  expect(officials).toEqual([
    { last_name: 'Blanco', jurisdiction: 'ca_qc_montreal' },
    { last_name: 'Malik', jurisdiction: 'ca_on_toronto' },
    { last_name: 'Perks', jurisdiction: 'ca_on_toronto' },
  ]);
}, 300_000);
