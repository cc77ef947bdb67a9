import { Language, translator } from '../i18n/i18n';
import type { Column } from './reports.format';

/**
 * The columns of each export, in order: the header's catalogue key, the SELECT expression and how
 * the value is written. Dates are formatted by PostgreSQL (YYYY-MM-DD; timestamps as the day in
 * Toronto) so that no Date object is made per row.
 */
const day = (sql: string) => `to_char(${sql}, 'YYYY-MM-DD')`;
const localDay = (sql: string) => day(`${sql} AT TIME ZONE 'America/Toronto'`);
/** The riding's name in the export's language when the import gave one. */
const constituency = (lang: Language) => (lang === 'fr' ? "coalesce(nullif(o.constituency_fr, ''), o.constituency)" : 'o.constituency');
/**
 * A campaign's text (`en`, `fr`: columns) in the export's language; where it has none, the other
 * language's followed by the marker the pages show, "(anglais)" / "(French)" (src/vocab/labels.ts).
 */
export function inLanguage(lang: Language, en: string, fr: string): string {
  const [mine, theirs] = lang === 'fr' ? [fr, en] : [en, fr];
  const marker = translator(lang)(`vocab:fallback.${lang === 'fr' ? 'en' : 'fr'}`).replace(/'/g, "''");
  return `coalesce(nullif(${mine}, ''), nullif(${theirs}, '') || ' ${marker}')`;
}
const campaignName = (lang: Language) => inLanguage(lang, 'c.name', 'c.name_fr');

/**
 * The members who attended, then the other people typed one per line in the form, all in one cell
 * joined with "; ": a line break inside a cell breaks many spreadsheets' import.
 */
const ATTENDEES = "nullif(concat_ws('; ', att.names, nullif(btrim(regexp_replace(m.other_attendees, '\\s*[\\r\\n]\\s*', '; ', 'g'), '; '), '')), '')";

const OFFICIAL: Column[] = [
  { header: 'honorific', sql: 'o.honorific', kind: 'text' },
  { header: 'firstName', sql: 'o.first_name', kind: 'text' },
  { header: 'lastName', sql: 'o.last_name', kind: 'text' },
  { header: 'level', sql: 'o.level', kind: 'level' },
  { header: 'constituency', sql: constituency, kind: 'text' },
  { header: 'province', sql: 'o.province', kind: 'province' },
  { header: 'party', sql: 'o.party', kind: 'party' },
];

export const MEETING_COLUMNS: readonly Column[] = [
  { header: 'meetingNumber', sql: 'm.id', kind: 'count' },
  { header: 'date', sql: day('m.held_on'), kind: 'date' },
  { header: 'status', sql: 'm.status', kind: 'status' },
  { header: 'format', sql: 'm.format', kind: 'format' },
  { header: 'location', sql: 'm.location', kind: 'text' },
  ...OFFICIAL,
  { header: 'campaign', sql: campaignName, kind: 'text' },
  { header: 'asksRaised', sql: 'asks.list', kind: 'text' },
  { header: 'stance', sql: 'm.stance', kind: 'stance' },
  { header: 'commitments', sql: 'm.commitment_kinds', kind: 'commitmentKinds' },
  { header: 'commitmentDetails', sql: 'm.commitments', kind: 'text' },
  { header: 'attendees', sql: ATTENDEES, kind: 'text' },
  { header: 'local', sql: 'l.name', kind: 'text' },
  { header: 'loggedBy', sql: 'u.name', kind: 'text' },
  { header: 'openFollowUps', sql: 'coalesce(fu.n, 0)', kind: 'count' },
  { header: 'created', sql: localDay('m.created_at'), kind: 'date' },
  { header: 'updated', sql: localDay('m.updated_at'), kind: 'date' },
];

/** Notes can be private in tone: they go out only when asked for. */
export const NOTES_COLUMN: Column = { header: 'notes', sql: 'm.notes', kind: 'text' };

export const COVERAGE_COLUMNS: readonly Column[] = [
  { header: 'campaign', sql: campaignName, kind: 'text' },
  ...OFFICIAL,
  { header: 'met', sql: 'h.n IS NOT NULL', kind: 'yesNo' },
  { header: 'heldMeetings', sql: 'coalesce(h.n, 0)', kind: 'count' },
  { header: 'lastMeeting', sql: day('h.last_on'), kind: 'date' },
  { header: 'latestStance', sql: 'h.stance', kind: 'stance' },
  { header: 'latestCommitments', sql: 'lm.commitment_kinds', kind: 'commitmentKinds' },
  { header: 'commitmentDetails', sql: 'lm.commitments', kind: 'text' },
  { header: 'openFollowUps', sql: 'coalesce(fu.n, 0)', kind: 'count' },
  { header: 'claimingLocal', sql: 'l.name', kind: 'text' },
];

export const FOLLOW_UP_COLUMNS: readonly Column[] = [
  { header: 'followUp', sql: 'f.description', kind: 'text' },
  { header: 'followUpState', sql: 'f.done_at IS NOT NULL', kind: 'followUpState' },
  { header: 'due', sql: day('f.due_on'), kind: 'date' },
  { header: 'done', sql: localDay('f.done_at'), kind: 'date' },
  { header: 'assignee', sql: 'a.name', kind: 'text' },
  { header: 'meetingNumber', sql: 'm.id', kind: 'count' },
  { header: 'meetingDate', sql: day('m.held_on'), kind: 'date' },
  { header: 'status', sql: 'm.status', kind: 'status' },
  { header: 'location', sql: 'm.location', kind: 'text' },
  ...OFFICIAL,
  { header: 'campaign', sql: campaignName, kind: 'text' },
  { header: 'local', sql: 'l.name', kind: 'text' },
  { header: 'created', sql: localDay('f.created_at'), kind: 'date' },
];

export const REGISTRY_COLUMNS: readonly Column[] = [
  { header: 'communicationDate', sql: day('m.held_on'), kind: 'date' },
  { header: 'officeHolder', sql: "concat_ws(' ', o.first_name, o.last_name)", kind: 'text' },
  { header: 'title', sql: 'o.level', kind: 'registryTitle' },
  { header: 'institution', sql: 'o.level', kind: 'registryInstitution' },
  { header: 'communicationType', sql: 'm.id', kind: 'registryCommunication' },
  { header: 'subjectMatter', sql: (lang) => `coalesce(asks.list, cask.list, ${inLanguage(lang, 'c.ask', 'c.ask_fr')})`, kind: 'text' },
  { header: 'campaign', sql: campaignName, kind: 'text' },
  { header: 'local', sql: 'l.name', kind: 'text' },
  { header: 'meetingNumber', sql: 'm.id', kind: 'count' },
];
