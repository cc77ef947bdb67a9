import { parseLocalForm } from '../../src/admin/locals.validate';
import { parseMeetingFilters } from '../../src/meetings/list-filters';
import { parseMeetingForm } from '../../src/meetings/meetings.validate';
import { parseDirectoryQuery } from '../../src/officials/officials.validate';
import { parseImportForm } from '../../src/officials/imports.validate';
import { parseActivityFilters } from '../../src/shared/filters';
import { VOCABULARY, VocabularyKind } from '../../src/vocab/vocab';

/*
 * The module drives validation: every parser that takes a coded value accepts each code the
 * module defines and refuses anything else, so adding or retiring a code is one change.
 */
const meeting = (fields: Record<string, unknown>) =>
  parseMeetingForm({ official_id: '1', status: 'scheduled', held_on: '2025-12-01', ...fields }, '2026-01-01');

const PARSERS: [string, VocabularyKind, (code: string) => boolean][] = [
  ['the meeting form: status', 'status', (code) => meeting({ status: code }).ok],
  ['the meeting form: format', 'format', (code) => meeting({ format: code }).ok],
  ['the meeting form: stance', 'stance', (code) => meeting({ stance: code }).ok],
  ['the meeting form: commitments', 'commitment', (code) => meeting({ commitment_kinds: [code] }).ok],
  ['the meeting list: status', 'status', (code) => parseMeetingFilters({ status: code }, false).ok],
  ['the meeting list: stance', 'stance', (code) => parseMeetingFilters({ stance: code }, false).ok],
  ['the dashboard, list and report filters: province', 'province', (code) => parseActivityFilters({ province: code }).ok],
  ['the local form: province', 'province', (code) => parseLocalForm({ name: 'Local 1', province: code }).ok],
  ['the directory: level', 'level', (code) => parseDirectoryQuery({ level: code }).level === code],
  ['the directory: province', 'province', (code) => parseDirectoryQuery({ province: code }).province === code],
  ['the import form: level', 'level', (code) => parseImportForm({ level: code }).ok],
];

describe.each(PARSERS)('%s', (_name, kind, accepts) => {
  test('accepts every code of the module', () => {
    expect(VOCABULARY[kind].filter((code) => !accepts(code))).toEqual([]);
  });

  test('refuses a code the module does not define', () => {
    expect(accepts('not_a_code')).toBe(false);
  });
});
