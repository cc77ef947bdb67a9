import type { LoadCase } from './load';
import type { Session } from './client';

/** The ids the pages are measured on, read from the seeded database. */
export interface Subjects {
  campaignId: number;
  officialId: number;
  meetingId: number;
  localId: number;
}

/** The statement that finds them: the largest campaign, its most-met MP, a meeting of theirs, a local. */
export const SUBJECTS_SQL = `
  WITH c AS (SELECT campaign_id AS id FROM meetings WHERE deleted_at IS NULL GROUP BY campaign_id ORDER BY count(*) DESC LIMIT 1),
       o AS (SELECT m.official_id AS id FROM meetings m, c WHERE m.campaign_id = c.id GROUP BY m.official_id ORDER BY count(*) DESC LIMIT 1)
  SELECT c.id AS "campaignId", o.id AS "officialId",
         (SELECT max(id) FROM meetings m WHERE m.official_id = o.id AND m.campaign_id = c.id) AS "meetingId",
         (SELECT min(id) FROM locals WHERE name LIKE 'Scale Local %') AS "localId"
  FROM c, o`;

export interface BenchCase {
  name: string;
  path: string;
  /** Whether the case needs a signed-in coordinator. */
  signedIn: boolean;
  method?: 'POST';
  form?: Record<string, string>;
  expect?: number[];
}

export function pageCases(s: Subjects): BenchCase[] {
  return [
    { name: 'sign-in page', path: '/login', signedIn: false },
    // No query of its own: what a session, its user, the CSRF token and the layout cost every page.
    { name: 'lightest signed-in page (account)', path: '/account', signedIn: true },
    { name: `dashboard (largest campaign)`, path: `/dashboard?campaign=${s.campaignId}`, signedIn: true },
    { name: 'meeting list, filtered', path: `/meetings?campaign=${s.campaignId}&province=ON&status=held`, signedIn: true },
    { name: "a meeting's page", path: `/meetings/${s.meetingId}`, signedIn: true },
    { name: "an official's page", path: `/officials/${s.officialId}`, signedIn: true },
    {
      name: 'log-a-meeting POST', path: '/meetings/new', signedIn: true, method: 'POST', expect: [303],
      form: {
        official_id: String(s.officialId), campaign_id: String(s.campaignId), local_id: String(s.localId),
        status: 'held', held_on: '2026-11-02', format: 'virtual', stance: 'supportive', notes: 'Benchmark meeting',
        // A second meeting with the same official the same day asks for confirmation: say it is meant.
        confirm_duplicate: '1',
      },
    },
  ];
}

/** The autocannon request for a case, as the signed-in session (or anonymous) would send it. */
export function loadCaseFor(base: string, c: BenchCase, session: Session, connections: number, seconds: number): LoadCase {
  const headers: Record<string, string> = c.signedIn ? { cookie: session.cookie } : {};
  if (c.method !== 'POST') return { url: base + c.path, connections, seconds, headers, expect: c.expect };
  return {
    url: base + c.path, connections, seconds, method: 'POST', expect: c.expect,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: session.csrf, ...c.form }).toString(),
  };
}
