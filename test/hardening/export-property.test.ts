import fc from 'fast-check';
import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser, createCampaign, createMeeting } from '../helpers/factories';
import { signIn, Agent } from '../helpers/session';
import { downloadCsv } from '../reports/download';
import { labelsFor } from '../../src/vocab/labels';

/**
 * The exports, property-based: whatever text was stored (quotes, separators, line breaks, any script,
 * emoji, text that looks like a formula) comes back from the CSV exactly, except that a cell starting
 * like a formula gets a leading apostrophe; so no cell of any export starts like a formula.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;
const TRICKY = ['=', '+', '-', '@', '\t', '\r', '\n', '\r\n', '"', ',', ';', "'", ' ', '\ufeff', '\uff1d', '\u2028', 'é', '—', '😀', '=HYPERLINK("http://x")'];
/** Any text PostgreSQL can store (no NUL), with the characters that break CSV or spreadsheets often. */
const storedText = fc.string({ unit: fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 40 })
  .filter((s) => !s.includes('\0') && s.trim() !== '');

const expected = (s: string) => (FORMULA_START.test(s) ? `'${s}` : s);

let t: TestApp;
let agent: Agent;
let run = 0;
beforeAll(async () => {
  t = await startTestApp();
  agent = await signIn(t.app, (await createUser(t.db, 'coordinator')).email);
});
afterAll(async () => { await t.close(); });

test('meetings.csv (with notes): every stored string round-trips, formula-like ones behind an apostrophe', async () => {
  await fc.assert(fc.asyncProperty(fc.record({ first: storedText, last: storedText, riding: storedText, party: storedText, campaign: storedText, local: storedText, notes: storedText, commitments: storedText, others: storedText }), async (v) => {
    // Generated names repeat across runs; local names and seats are unique, so make them distinct
    // at the end, where it cannot change how a cell starts.
    run += 1;
    const localName = `${v.local} #${run}`;
    const local = await createLocal(t.db, { name: localName });
    const official = await createOfficial(t.db, { first_name: v.first, last_name: v.last, constituency: v.riding, constituency_key: `seat ${run}`, party: v.party });
    const campaign = await createCampaign(t.db, { name: v.campaign });
    const meeting = await createMeeting(t.db, { official_id: official.id, campaign_id: campaign.id, local_id: local.id, logged_by: null, notes: v.notes, commitments: v.commitments, other_attendees: v.others });
    const { res, rows } = await downloadCsv(agent, `/reports/meetings.csv?notes=1&lang=en&campaign=${campaign.id}`);
    expect(res.status).toBe(200);
    const row = rows.find((r) => r['Meeting number'] === String(meeting.id))!;
    expect(row).toBeDefined();
    const got = [row['First name'], row['Last name'], row['Constituency'], row['Party'], row['Campaign'], row['Local'], row['Notes'], row['Commitment details']];
    // A party the tracker knows is written with its name (none of these strings is one, but it could be).
    expect(got).toEqual([v.first, v.last, v.riding, labelsFor('en').party(v.party), v.campaign, localName, v.notes, v.commitments].map(expected));
    // The other attendees, one per line in the form, are one line in the cell, every name kept.
    expect(row.Attendees).not.toMatch(/[\r\n]/);
    for (const name of v.others.split(/[\r\n]/).map((s) => s.replace(/^[\s;]+|[\s;]+$/g, '')).filter(Boolean)) expect(row.Attendees).toContain(name);
  }), { numRuns: 25 });
});

test('no cell of any export starts like a formula', async () => {
  const evil = '=cmd|" /C calc"!A0';
  const local = await createLocal(t.db, { name: '@SUM(1+1)' });
  const official = await createOfficial(t.db, { first_name: '+1', last_name: '-2', constituency: evil, party: '\t=1' });
  const campaign = await createCampaign(t.db, { name: '=campaign', ask: '=ask' }, ['=first ask']);
  await t.db('campaign_targets').insert({ campaign_id: campaign.id, official_id: official.id, claimed_by_local_id: local.id });
  const meeting = await createMeeting(t.db, { official_id: official.id, campaign_id: campaign.id, local_id: local.id, logged_by: null, notes: '=notes', commitments: '+c', other_attendees: '-a', held_on: '2026-03-10', ask_ids: campaign.asks.map((a) => a.id) });
  await t.db('follow_ups').insert({ meeting_id: meeting.id, description: '=follow', due_on: '2026-04-01' });
  for (const url of ['/reports/meetings.csv?notes=1', '/reports/coverage.csv', '/reports/follow-ups.csv', '/reports/lobbying-registry.csv?month=2026-03']) {
    for (const lang of ['en', 'fr']) {
      const { res, rows, header } = await downloadCsv(agent, `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
      expect(res.status).toBe(200);
      expect(rows.length).toBeGreaterThan(0);
      const cells = [...header, ...rows.flatMap((r) => Object.values(r))];
      expect({ url, lang, formulas: cells.filter((c) => FORMULA_START.test(c)) }).toEqual({ url, lang, formulas: [] });
    }
  }
});
