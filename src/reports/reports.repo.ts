import type { Knex } from 'knex';
import type { Db } from '../db';
import type { Language } from '../i18n/i18n';
import { ActivityFilters, applyActivityFilters } from '../shared/filters';
import { Column, selectList } from './reports.format';
import { inLanguage, MEETING_COLUMNS, NOTES_COLUMN, COVERAGE_COLUMNS, FOLLOW_UP_COLUMNS, REGISTRY_COLUMNS } from './reports.columns';

/** Per-meeting lists and counts, each aggregated once over its table (never a query per row); the asks in `lang`. */
function meetingAggregates(db: Db, lang: Language) {
  return {
    asks: db('meeting_asks as ma').join('campaign_asks as ca', 'ca.id', 'ma.ask_id').groupBy('ma.meeting_id')
      .select('ma.meeting_id', db.raw(`string_agg(${inLanguage(lang, 'ca.text', 'ca.text_fr')}, '; ' ORDER BY ca.position, ca.id) AS list`)),
    attendees: db('meeting_attendees as a').join('users as au', 'au.id', 'a.user_id').groupBy('a.meeting_id')
      .select('a.meeting_id', db.raw("string_agg(au.name, '; ' ORDER BY au.name) AS names")),
    openFollowUps: db('follow_ups').whereNull('done_at').groupBy('meeting_id')
      .select('meeting_id', db.raw('count(*)::int AS n')),
  };
}

function select(q: Knex.QueryBuilder, db: Db, columns: readonly Column[], lang: Language) {
  return q.select(selectList(columns, lang).map((sql) => db.raw(sql)));
}

/** One row per meeting (deleted ones left out), oldest first. */
export function meetingsQuery(db: Db, filters: ActivityFilters, lang: Language, withNotes: boolean) {
  const agg = meetingAggregates(db, lang);
  const q = db('meetings as m')
    .join('officials as o', 'o.id', 'm.official_id')
    .leftJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .leftJoin('locals as l', 'l.id', 'm.local_id')
    .leftJoin('users as u', 'u.id', 'm.logged_by')
    .leftJoin(agg.asks.as('asks'), 'asks.meeting_id', 'm.id')
    .leftJoin(agg.attendees.as('att'), 'att.meeting_id', 'm.id')
    .leftJoin(agg.openFollowUps.as('fu'), 'fu.meeting_id', 'm.id')
    .whereNull('m.deleted_at')
    .orderBy([{ column: 'm.held_on' }, { column: 'm.id' }]);
  applyActivityFilters(q, filters);
  return select(q, db, withNotes ? [...MEETING_COLUMNS, NOTES_COLUMN] : MEETING_COLUMNS, lang);
}

/**
 * One row per campaign target. The date range and the meetings' own filters narrow which held
 * meetings count; campaign, province and party narrow the targets; a local means the targets it claimed.
 */
export function coverageQuery(db: Db, filters: ActivityFilters, lang: Language) {
  const held = db('meetings as m').where('m.status', 'held').whereNull('m.deleted_at')
    .groupBy('m.campaign_id', 'm.official_id')
    .select('m.campaign_id', 'm.official_id', db.raw('count(*)::int AS n'), db.raw('max(m.held_on) AS last_on'),
      db.raw('(array_agg(m.stance ORDER BY m.held_on DESC, m.id DESC) FILTER (WHERE m.stance IS NOT NULL))[1] AS stance'),
      db.raw('(array_agg(m.id ORDER BY m.held_on DESC, m.id DESC))[1] AS latest_id'));
  applyActivityFilters(held, { from: filters.from, to: filters.to });
  const openFollowUps = db('follow_ups as f').join('meetings as fm', 'fm.id', 'f.meeting_id')
    .whereNull('f.done_at').whereNull('fm.deleted_at').groupBy('fm.campaign_id', 'fm.official_id')
    .select('fm.campaign_id', 'fm.official_id', db.raw('count(*)::int AS n'));
  const q = db('campaign_targets as t')
    .join('campaigns as c', 'c.id', 't.campaign_id')
    .join('officials as o', 'o.id', 't.official_id')
    .leftJoin(held.as('h'), (j) => j.on('h.campaign_id', 't.campaign_id').andOn('h.official_id', 't.official_id'))
    .leftJoin('meetings as lm', 'lm.id', 'h.latest_id')
    .leftJoin(openFollowUps.as('fu'), (j) => j.on('fu.campaign_id', 't.campaign_id').andOn('fu.official_id', 't.official_id'))
    .leftJoin('locals as l', 'l.id', 't.claimed_by_local_id')
    .orderBy([{ column: 'c.name' }, { column: 'c.id' }, { column: 'o.province' }, { column: 'o.last_name' }, { column: 'o.first_name' }, { column: 'o.id' }]);
  if (filters.campaign_id) q.where('t.campaign_id', filters.campaign_id);
  if (filters.province) q.where('o.province', filters.province);
  if (filters.party) q.where('o.party', filters.party);
  if (filters.local_id) q.where('t.claimed_by_local_id', filters.local_id);
  return select(q, db, COVERAGE_COLUMNS, lang);
}

/** Open follow-ups first (soonest due first), then done ones; filtered by their meeting. */
export function followUpsQuery(db: Db, filters: ActivityFilters, lang: Language) {
  const q = db('follow_ups as f')
    .join('meetings as m', 'm.id', 'f.meeting_id')
    .join('officials as o', 'o.id', 'm.official_id')
    .leftJoin('users as a', 'a.id', 'f.assignee_id')
    .leftJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .leftJoin('locals as l', 'l.id', 'm.local_id')
    .whereNull('m.deleted_at')
    .orderByRaw('f.done_at IS NOT NULL, f.due_on NULLS LAST, f.id');
  applyActivityFilters(q, filters);
  return select(q, db, FOLLOW_UP_COLUMNS, lang);
}

/**
 * The month's held meetings with the federal office holders the Registry of Lobbyists covers
 * (Members of Parliament and senators), while they held that office.
 */
export function registryQuery(db: Db, month: { from: string; to: string }, lang: Language) {
  const agg = meetingAggregates(db, lang);
  const campaignAsks = db('campaign_asks').groupBy('campaign_id')
    .select('campaign_id', db.raw(`string_agg(${inLanguage(lang, 'text', 'text_fr')}, '; ' ORDER BY position, id) AS list`));
  const q = db('meetings as m')
    .join('officials as o', 'o.id', 'm.official_id')
    .leftJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .leftJoin('locals as l', 'l.id', 'm.local_id')
    .leftJoin(agg.asks.as('asks'), 'asks.meeting_id', 'm.id')
    .leftJoin(campaignAsks.as('cask'), 'cask.campaign_id', 'm.campaign_id')
    .where('m.status', 'held').whereNull('m.deleted_at')
    .whereBetween('m.held_on', [month.from, month.to])
    .where((w) => w.where({ 'o.level': 'federal', 'o.jurisdiction': 'ca' }).orWhere('o.level', 'senate'))
    .where((w) => w.whereNull('o.start_date').orWhereRaw('o.start_date <= m.held_on'))
    .where((w) => w.whereNull('o.end_date').orWhereRaw('o.end_date >= m.held_on'))
    .orderBy([{ column: 'm.held_on' }, { column: 'o.last_name' }, { column: 'o.first_name' }, { column: 'm.id' }]);
  return select(q, db, REGISTRY_COLUMNS, lang);
}
