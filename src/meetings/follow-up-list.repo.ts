import { z } from 'zod';
import type { Db } from '../db';
import { readOne, rows, timestamp, value } from '../db/one-statement';
import { allRows } from '../db/rows';
import type { SessionUser } from '../shared/types';
import type { FollowUpFilters } from './follow-up-filters';
import { followUpsFilter } from './policy';
import { endOfDay } from '../shared/filters';
import { likeEscape, searchTerms } from '../shared/fold';

/** What needs doing, lower-cased and without the usual accents, to match folded search words (shared/fold). */
const FOLDED_DESCRIPTION = "translate(lower(f.description), 'àâäáãçéèêëíìîïñóòôöõúùûüýÿ', 'aaaaaceeeeiiiinooooouuuuyy')";

const text = z.string().nullable();
const ref = z.number().nullable();

/** A row of the list: the follow-up with its meeting's day, local and campaign, its official, and whether it is overdue. */
export const ListedFollowUp = z.object({
  id: z.number(), meeting_id: z.number(), description: z.string(), due_on: text, assignee_id: ref, done_at: timestamp.nullable(),
  assignee_name: text, held_on: z.string(), local_id: ref, local_name: text, campaign_name: text,
  honorific: text, first_name: z.string(), last_name: z.string(), constituency: z.string(), overdue: z.boolean(),
});
export type ListedFollowUp = z.output<typeof ListedFollowUp>;

/** The follow-ups the user may see (policy.ts), narrowed by the filters. `today` decides what is overdue. */
function filtered(db: Db, user: SessionUser, f: FollowUpFilters, today: string) {
  const q = db('follow_ups as f').join('meetings as m', 'm.id', 'f.meeting_id').modify(followUpsFilter(user, 'see', { meeting: 'm' }));
  if (f.as_of) {
    // Open at the end of that day in the tracker's time zone, as the dashboard counts them.
    const end = endOfDay(db, f.as_of);
    q.where('f.created_at', '<', end).where((w) => w.whereNull('f.done_at').orWhere('f.done_at', '>=', end));
  } else if (f.state === 'open') q.whereNull('f.done_at');
  else q.whereNotNull('f.done_at');
  if (f.campaign_id) q.where('m.campaign_id', f.campaign_id);
  if (f.local_id) q.where('m.local_id', f.local_id);
  if (f.assignee === 'none') q.whereNull('f.assignee_id'); else if (f.assignee) q.where('f.assignee_id', f.assignee);
  if (f.due_from) q.where('f.due_on', '>=', f.due_from);
  if (f.due_to) q.where('f.due_on', '<=', f.due_to);
  if (f.overdue && f.as_of) q.where('f.due_on', '<', f.as_of);
  else if (f.overdue) q.where('f.due_on', '<', today).whereNull('f.done_at');
  for (const term of searchTerms(f.q ?? '')) {
    const like = `%${likeEscape(term)}%`;
    q.where((w) => w.whereIn('f.official_id', db('officials').select('id').whereRaw(`search_text LIKE ? ESCAPE '\\'`, [like]))
      .orWhereRaw(`${FOLDED_DESCRIPTION} LIKE ? ESCAPE '\\'`, [like]));
  }
  if (f.province || f.party) {
    q.whereIn('f.official_id', db('officials').select('id').modify((o) => {
      if (f.province) o.where('province', f.province);
      if (f.party) o.where('party', f.party);
    }));
  }
  return q;
}

/** Open ones overdue first, then by due date (undated last); done ones latest first. Names are sub-selects of the page's rows only. */
function listQuery(db: Db, user: SessionUser, f: FollowUpFilters, today: string, limit: number, offset: number) {
  return filtered(db, user, f, today).join('officials as o', 'o.id', 'm.official_id')
    .orderByRaw(f.state === 'open' ? 'f.due_on < ? desc nulls last, f.due_on asc nulls last, f.id' : 'f.done_at desc, f.id', f.state === 'open' ? [today] : [])
    .limit(limit).offset(offset)
    .select('f.id', 'f.meeting_id', 'f.description', 'f.due_on', 'f.assignee_id', 'f.done_at', 'm.held_on', 'm.local_id',
      'o.honorific', 'o.first_name', 'o.last_name', 'o.constituency',
      db.raw('(select name from users u where u.id = f.assignee_id) as assignee_name'),
      db.raw('(select name from locals l where l.id = m.local_id) as local_name'),
      db.raw('(select name from campaigns c where c.id = m.campaign_id) as campaign_name'),
      db.raw('coalesce(f.due_on < ? and f.done_at is null, false) as overdue', [today]));
}

const Choice = z.object({ id: z.number(), name: z.string() });

/** What the filter form offers besides people: the campaigns and the locals. */
function choiceColumns(db: Db) {
  return {
    campaigns: rows(Choice.extend({ name_fr: z.string() }), db('campaigns').orderBy('id', 'desc').select('id', 'name', 'name_fr')),
    locals: rows(Choice, db('locals').orderBy('name').select('id', 'name')),
  };
}

export function followUpFilterChoices(db: Db) {
  return readOne(db, choiceColumns(db), { name: "the follow-up list's filters" });
}

/**
 * The list page in one statement: the filter choices, how many follow-ups match, and the rows from
 * `offset`. Not prepared: the filters change the best plan.
 */
export function followUpListPage(db: Db, user: SessionUser, f: FollowUpFilters, today: string, limit: number, offset: number) {
  return readOne(db, {
    ...choiceColumns(db),
    total: value(z.number(), filtered(db, user, f, today).select(db.raw('count(*)::int'))),
    rows: rows(ListedFollowUp, listQuery(db, user, f, today, limit, offset)),
  }, { prepared: false, name: 'the follow-up list' });
}

/** A page of the list read on its own (followUpListPage reads it as a column). */
export function followUpRows(db: Db, user: SessionUser, f: FollowUpFilters, today: string, limit: number, offset: number): Promise<ListedFollowUp[]> {
  return allRows(ListedFollowUp, listQuery(db, user, f, today, limit, offset), 'a page of follow-ups');
}
