import { id, isoDate, MAX_LENGTH, text } from '../shared/validation';
import { isCode, PROVINCES } from '../vocab/vocab';

/** The follow-up list's filters: they narrow what the policy lets the user see, never widen it. */
export interface FollowUpFilters {
  state: 'open' | 'done';
  campaign_id?: number;
  local_id?: number;
  /** A person's id, or 'none' for the follow-ups nobody holds. */
  assignee?: number | 'none';
  due_from?: string;
  due_to?: string;
  /** Due before today (or before `as_of`) and not done. */
  overdue?: boolean;
  /** The province and the party of the meeting's official, as the dashboard narrows by them. */
  province?: string;
  party?: string;
  /**
   * The open follow-ups as they stood at the end of that day (created by then, not done by then),
   * overdue meaning due before it: what a dashboard that ends on a past day counted.
   */
  as_of?: string;
  /** Words of what needs doing, or of the official's name or riding. */
  q?: string;
}

/** The parameters as typed, to put back in the form and the links (`state` only when not the default). */
export type FollowUpFilterValues = Record<'state' | 'campaign' | 'local' | 'assignee' | 'due_from' | 'due_to' | 'overdue' | 'province' | 'party' | 'as_of' | 'q', string>;

/**
 * Reads ?q=&state=done&campaign=&local=&assignee=&due_from=&due_to=&overdue=1&province=&party=&as_of=
 * (from the address, or
 * from the hidden fields of the bulk form, which carry the list it was sent from). A malformed value
 * is an error, not ignored, so that the list never silently shows more than was asked for.
 */
export function parseFollowUpFilters(query: Record<string, unknown>) {
  const read = (key: string) => text(query[key]);
  const values: FollowUpFilterValues = {
    state: read('state') === 'done' ? 'done' : '', campaign: read('campaign'), local: read('local'), assignee: read('assignee'),
    due_from: read('due_from'), due_to: read('due_to'), overdue: read('overdue') === '1' ? '1' : '',
    province: read('province').toUpperCase(), party: read('party').slice(0, MAX_LENGTH.name), as_of: read('as_of'),
    q: read('q').slice(0, MAX_LENGTH.name),
  };
  const errors: Record<string, string> = {};
  const value: FollowUpFilters = { state: values.state === 'done' ? 'done' : 'open', overdue: values.overdue === '1' };
  const idOf = (key: 'campaign' | 'local', message: string) => {
    if (!values[key]) return undefined;
    const n = id(values[key]);
    if (n === undefined) errors[key] = message;
    return n;
  };
  value.campaign_id = idOf('campaign', 'shared:filters.badCampaign');
  value.local_id = idOf('local', 'shared:filters.badLocal');
  if (values.assignee) {
    value.assignee = values.assignee === 'none' ? 'none' : id(values.assignee);
    if (value.assignee === undefined) errors.assignee = 'meetings:errors.assignee';
  }
  if (values.province) {
    if (isCode(PROVINCES, values.province)) value.province = values.province;
    else errors.province = 'shared:filters.badProvince';
  }
  if (values.party) value.party = values.party;
  if (values.q) value.q = values.q;
  // "As it stood on a day" is a view of the open ones; the done tab has no such day.
  if (values.as_of && value.state === 'open') {
    value.as_of = isoDate(values.as_of);
    if (value.as_of === undefined) errors.as_of = 'shared:filters.badDate';
  }
  for (const key of ['due_from', 'due_to'] as const) {
    if (!values[key]) continue;
    value[key] = isoDate(values[key]);
    if (value[key] === undefined) errors[key] = 'shared:filters.badDate';
  }
  if (value.due_from && value.due_to && value.due_from > value.due_to) errors.due_to = 'shared:filters.toBeforeFrom';
  return Object.keys(errors).length ? { ok: false as const, values, errors } : { ok: true as const, values, value };
}
