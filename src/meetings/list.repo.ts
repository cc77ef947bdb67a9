import { z } from 'zod';
import type { Db } from '../db';
import { ActivityFilters, applyActivityFilters } from '../shared/filters';
import { readOne, rows, timestamp, value } from '../db/one-statement';
import { allRows } from '../db/rows';
import { likeEscape, searchTerms } from '../shared/fold';
import type { SessionUser } from '../shared/types';
import { involvingFilter, meetingsFilter } from './policy';

/** The list's filters: the shared activity filters plus the meeting's own. */
export interface MeetingFilters extends ActivityFilters {
  official_id?: number;
  /** One status or several (any of them). */
  status?: string[];
  stance?: string;
  mine?: boolean;
  /** Coordinators only: the deleted meetings, to restore one. */
  deleted?: boolean;
  /** Words of the official's name or riding (accents and dashes do not matter, as in the directory). */
  q?: string;
  /** Newest first unless `oldest`, or by the official's name. */
  sort?: MeetingSort;
}

export const MEETING_SORTS = ['newest', 'oldest', 'official'] as const;
export type MeetingSort = (typeof MEETING_SORTS)[number];

const ORDER: Record<MeetingSort, { column: string; order: 'asc' | 'desc' }[]> = {
  newest: [{ column: 'm.held_on', order: 'desc' }, { column: 'm.id', order: 'desc' }],
  oldest: [{ column: 'm.held_on', order: 'asc' }, { column: 'm.id', order: 'asc' }],
  official: [{ column: 'o.last_name', order: 'asc' }, { column: 'o.first_name', order: 'asc' }, { column: 'm.held_on', order: 'desc' }, { column: 'm.id', order: 'desc' }],
};

function filtered(db: Db, user: SessionUser, f: MeetingFilters) {
  const q = db('meetings as m').join('officials as o', 'o.id', 'm.official_id');
  if (f.deleted) q.whereNotNull('m.deleted_at'); else q.whereNull('m.deleted_at');
  applyActivityFilters(q, f);
  if (f.official_id) q.where('m.official_id', f.official_id);
  if (f.status?.length) q.whereIn('m.status', f.status);
  if (f.stance) q.where('m.stance', f.stance);
  if (f.mine) q.modify(involvingFilter(user));
  for (const term of searchTerms(f.q ?? '')) q.whereRaw(`o.search_text LIKE ? ESCAPE '\\'`, [`%${likeEscape(term)}%`]);
  return q.modify(meetingsFilter(user, 'see'));
}

/**
 * In the order asked (newest first by default); the open follow-ups counted in SQL. The campaign, local and logger names are
 * sub-selects rather than joins: read only for the page's rows either way, but a five-table join
 * took PostgreSQL 1.2 ms to plan on every request, the sub-selects 0.2 ms.
 */
export function listMeetings(db: Db, user: SessionUser, f: MeetingFilters, limit: number, offset: number) {
  return filtered(db, user, f)
    .orderBy(ORDER[f.sort ?? 'newest'])
    .limit(limit).offset(offset)
    .select('m.id', 'm.status', 'm.held_on', 'm.stance', 'm.format', 'm.deleted_at', 'o.honorific', 'o.first_name', 'o.last_name',
      'o.constituency', 'o.province', 'o.party',
      db.raw('(select name from campaigns c where c.id = m.campaign_id) as campaign_name'),
      db.raw('(select name from locals l where l.id = m.local_id) as local_name'),
      db.raw('(select name from users u where u.id = m.logged_by) as logged_by_name'),
      db.raw('(select count(*)::int from follow_ups f where f.meeting_id = m.id and f.done_at is null) as open_follow_ups'));
}

const Choice = z.object({ id: z.number(), name: z.string() });
const text = z.string().nullable();

/** A row of listMeetings. */
export const ListRow = z.object({
  id: z.number(), status: z.string(), held_on: z.string(), stance: text, format: text, deleted_at: timestamp.nullable(),
  honorific: text, first_name: z.string(), last_name: z.string(), constituency: z.string(), province: text, party: text,
  campaign_name: text, local_name: text, logged_by_name: text, open_follow_ups: z.number(),
});
export type ListRow = z.output<typeof ListRow>;

/** A page of listMeetings read on its own (listPage reads it as a column). */
export function meetingRows(db: Db, user: SessionUser, f: MeetingFilters, limit: number, offset: number): Promise<ListRow[]> {
  return allRows(ListRow, listMeetings(db, user, f, limit, offset), 'a page of meetings');
}

/** What the filter form offers (campaigns, locals and parties that exist), as columns of one statement. */
function choiceColumns(db: Db) {
  return {
    campaigns: rows(Choice.extend({ name_fr: z.string() }), db('campaigns').orderBy('id', 'desc').select('id', 'name', 'name_fr')),
    locals: rows(Choice, db('locals').orderBy('name').select('id', 'name')),
    parties: value(z.array(z.string()), db.raw(`SELECT coalesce(json_agg(party ORDER BY party), '[]'::json)
      FROM (SELECT DISTINCT party FROM officials WHERE party IS NOT NULL) p`)),
  };
}

export function filterChoices(db: Db) {
  return readOne(db, choiceColumns(db), { name: "the meeting list's filters" });
}

/**
 * The list page in one statement: the filter choices, how many meetings match, and the rows from
 * `offset`. Not prepared: the filters change the best plan.
 */
export function listPage(db: Db, user: SessionUser, f: MeetingFilters, limit: number, offset: number) {
  return readOne(db, {
    ...choiceColumns(db),
    total: value(z.number(), filtered(db, user, f).select(db.raw('count(*)::int'))),
    // The official the list is narrowed to, named in its filter tag.
    official_name: value(z.string().nullable(), f.official_id
      ? db.raw("SELECT concat_ws(' ', honorific, first_name, last_name) FROM officials WHERE id = ?", [f.official_id]) : db.raw('NULL::text')),
    rows: rows(ListRow, listMeetings(db, user, f, limit, offset)),
  }, { prepared: false, name: 'the meeting list' });
}
