import type { FormChoices } from './form.service';
import type { Conflict } from './meetings.service';
import type { MeetingValues } from './meetings.validate';

export interface ConflictRow { field: string; saved: string; yours: string }

const COMPARED = ['official_id', 'campaign_id', 'local_id', 'status', 'held_on', 'format', 'location', 'attendee_ids', 'other_attendees',
  'ask_ids', 'stance', 'commitment_kinds', 'commitments', 'notes'] as const;
const REFERENCES = ['official_id', 'campaign_id', 'local_id', 'attendee_ids', 'ask_ids'];

type Named = { honorific: string | null; first_name: string; last_name: string };
const officialName = (o: Named) => [o.honorific, o.first_name, o.last_name].filter(Boolean).join(' ');

/** A campaign's text in the reader's language (src/vocab/labels.ts). */
type InLanguage = (en: string | null | undefined, fr: string | null | undefined) => string;

/** Names for the ids a meeting refers to, from what was saved and from what the form offers. */
function nameBook(conflict: Conflict, choices: FormChoices, text: InLanguage): Map<string, string> {
  const c = conflict.current;
  const book = new Map<string, string>([[`official_id:${c.official_id}`, officialName(c)]]);
  if (c.campaign_id && c.campaign_name) book.set(`campaign_id:${c.campaign_id}`, text(c.campaign_name, c.campaign_name_fr));
  if (c.local_id && c.local_name) book.set(`local_id:${c.local_id}`, c.local_name);
  if (choices.official) book.set(`official_id:${choices.official.id}`, officialName(choices.official));
  for (const camp of choices.campaigns) {
    book.set(`campaign_id:${camp.id}`, text(camp.name, camp.name_fr));
    for (const a of camp.asks) book.set(`ask_ids:${a.id}`, text(a.text, a.text_fr));
  }
  for (const l of choices.locals) book.set(`local_id:${l.id}`, l.name);
  for (const p of [...choices.people, ...conflict.attendees]) book.set(`attendee_ids:${p.id}`, p.name);
  for (const a of conflict.asks) book.set(`ask_ids:${a.id}`, text(a.text, a.text_fr));
  return book;
}

const ids = (v: unknown): string[] => (Array.isArray(v) ? v : v === null || v === undefined || v === '' ? [] : [v]).map(String).sort();

/** The fields where the meeting as someone else saved it differs from what this user typed, named for people. */
export function conflictRows(conflict: Conflict, values: Partial<MeetingValues>, choices: FormChoices, text: InLanguage): ConflictRow[] {
  const saved: Record<string, unknown> = { ...conflict.current, attendee_ids: conflict.attendee_ids, ask_ids: conflict.ask_ids };
  const book = nameBook(conflict, choices, text);
  const show = (field: string, v: string[]) => v.map((x) => (REFERENCES.includes(field) ? book.get(`${field}:${x}`) ?? x : x)).join(', ');
  return COMPARED
    // A member's form has no local: only compare what the form offered.
    .filter((field) => field !== 'local_id' || values.local_id !== undefined)
    .map((field) => ({ field, savedIds: ids(saved[field]), yourIds: ids(values[field]) }))
    .filter((row) => row.savedIds.join('\u0000') !== row.yourIds.join('\u0000'))
    .map((row) => ({ field: row.field, saved: show(row.field, row.savedIds), yours: show(row.field, row.yourIds) }));
}
