import { startTestApp, TestApp } from '../helpers/app';
import { createUser } from '../helpers/factories';
import { signIn, Agent } from '../helpers/session';
import { downloadCsv } from './download';

let t: TestApp;
let coordinator: Agent;
let coordinatorId: number;
beforeAll(async () => {
  t = await startTestApp();
  const user = await createUser(t.db, 'coordinator');
  coordinatorId = user.id;
  coordinator = await signIn(t.app, user.email);
});
afterAll(async () => { await t.close(); });

const EXPORTS = ['/reports/meetings.csv', '/reports/coverage.csv', '/reports/follow-ups.csv', '/reports/lobbying-registry.csv?month=2026-03'];

describe('who may export', () => {
  test('a member is refused the page and every export', async () => {
    const member = await createUser(t.db, 'member');
    const agent = await signIn(t.app, member.email);
    for (const url of ['/reports', '/reports/lobbying-registry', ...EXPORTS]) {
      const res = await agent.get(url);
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/text\/html/);
    }
    expect(await t.db('audit_events').where({ action: 'export' }).count('* as n').first()).toEqual({ n: '0' });
  });

  test('a signed-out visitor is sent to sign in', async () => {
    const res = await (await import('supertest')).default(t.app).get('/reports/meetings.csv');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Freports%2Fmeetings.csv');
  });

  test('an admin may export', async () => {
    const admin = await createUser(t.db, 'admin');
    const { res } = await downloadCsv(await signIn(t.app, admin.email), '/reports/coverage.csv');
    expect(res.status).toBe(200);
  });
});

describe('the reports page', () => {
  test('offers every download with the shared filters and the registry rules', async () => {
    const page = await coordinator.get('/reports?province=QC').expect(200);
    for (const text of ['Download meetings (CSV)', 'Download coverage (CSV)', 'Download follow-ups (CSV)', 'Download the registry file (CSV)', 'How this file is made']) {
      expect(page.text).toContain(text);
    }
    expect(page.text).toMatch(/<option value="QC" selected>Quebec<\/option>/);
    const rules = await coordinator.get('/reports/lobbying-registry').expect(200);
    expect(rules.text).toContain('Members of Parliament (House of Commons) and senators (Senate of Canada)');
  });

  test('is in French for a French-speaking coordinator', async () => {
    await t.db('users').where({ id: coordinatorId }).update({ language: 'fr' });
    const page = await coordinator.get('/reports').expect(200);
    expect(page.text).toContain('Télécharger les rencontres (CSV)');
    await t.db('users').where({ id: coordinatorId }).update({ language: null });
  });
});

describe('bad filters', () => {
  test.each([
    ['/reports/lobbying-registry.csv?month=2019-13', 'Enter a month, for example 2026-03'],
    ['/reports/lobbying-registry.csv?month=march', 'Enter a month, for example 2026-03'],
    ['/reports/meetings.csv?from=2019-02-30', 'Enter a date, for example 2026-03-31'],
    ['/reports/coverage.csv?campaign=abc', 'Choose a campaign from the list.'],
    ['/reports/follow-ups.csv?province=XX', 'Choose a province or territory from the list.'],
    ['/reports/meetings.csv?from=2026-05-01&to=2026-04-01', 'The end date must be on or after the start date.'],
    ['/reports/meetings.csv?lang=de', 'Choose English (en) or French (fr)'],
    ['/reports/meetings.csv?notes=maybe', 'The notes option must be 1'],
  ])('%s answers 400 with a plain message, not a CSV', async (url, message) => {
    const res = await coordinator.get(url);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.text).toContain('This report could not be made');
    expect(res.text).toContain(message);
  });

  test('the reports page shows a bad filter next to its field', async () => {
    const res = await coordinator.get('/reports?from=2019-02-30');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Enter a date, for example 2026-03-31');
  });
});

describe('every export', () => {
  test.each(EXPORTS)('%s is a UTF-8 CSV with a BOM, a dated file name, no-store, and an audit event', async (url) => {
    const before = Number((await t.db('audit_events').where({ action: 'export' }).count('* as n').first())!.n);
    const { res, bytes, header } = await downloadCsv(coordinator, url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    const report = url.slice('/reports/'.length).replace(/\.csv.*$/, '');
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="?${report}-(2026-03-)?\\d{4}-\\d{2}-\\d{2}\\.csv"?$`));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toMatch(/\r\n$/);
    expect(header.length).toBeGreaterThan(5);

    const events = await t.db('audit_events').where({ action: 'export' }).orderBy('id');
    expect(events).toHaveLength(before + 1);
    expect(events[before]).toMatchObject({ user_id: coordinatorId, entity: 'report' });
    expect(events[before].changes.report).toBe(report);
  });

  test('the audit event records the filters used', async () => {
    await downloadCsv(coordinator, '/reports/meetings.csv?province=QC&party=NDP&from=2026-01-01&lang=fr');
    const event = await t.db('audit_events').where({ action: 'export' }).orderBy('id', 'desc').first();
    expect(event.changes).toEqual({ report: 'meetings', filters: { province: 'QC', party: 'NDP', from: '2026-01-01' }, lang: 'fr', notes: false, month: null });
  });
});

describe('HEAD on an export', () => {
  test('answers the download headers without running the export or writing an audit event', async () => {
    const count = async () => Number((await t.db('audit_events').where({ action: 'export' }).count('* as n').first())!.n);
    const before = await count();
    const res = await coordinator.head('/reports/meetings.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?meetings-\d{4}-\d{2}-\d{2}\.csv"?$/);
    expect(await count()).toBe(before);
  });
});
