import { id, isoDate, text } from '../shared/validation';

/** The follow-up list's filters: they narrow what the policy lets the user see, never widen it. */
export interface FollowUpFilters {
  state: 'open' | 'done';
  campaign_id?: number;
  local_id?: number;
  /** A person's id, or 'none' for the follow-ups nobody holds. */
  assignee?: number | 'none';
  due_from?: string;
  due_to?: string;
  /** Due before today and not done. */
  overdue?: boolean;
}

/** The parameters as typed, to put back in the form and the links (`state` only when not the default). */
export type FollowUpFilterValues = Record<'state' | 'campaign' | 'local' | 'assignee' | 'due_from' | 'due_to' | 'overdue', string>;

/**
 * Reads ?state=done&campaign=&local=&assignee=&due_from=&due_to=&overdue=1 (from the address, or
 * from the hidden fields of the bulk form, which carry the list it was sent from). A malformed value
 * is an error, not ignored, so that the list never silently shows more than was asked for.
 */
export function parseFollowUpFilters(query: Record<string, unknown>) {
  const read = (key: string) => text(query[key]);
  const values: FollowUpFilterValues = {
    state: read('state') === 'done' ? 'done' : '', campaign: read('campaign'), local: read('local'), assignee: read('assignee'),
    due_from: read('due_from'), due_to: read('due_to'), overdue: read('overdue') === '1' ? '1' : '',
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
  for (const key of ['due_from', 'due_to'] as const) {
    if (!values[key]) continue;
    value[key] = isoDate(values[key]);
    if (value[key] === undefined) errors[key] = 'shared:filters.badDate';
  }
  if (value.due_from && value.due_to && value.due_from > value.due_to) errors.due_to = 'shared:filters.toBeforeFrom';
  return Object.keys(errors).length ? { ok: false as const, values, errors } : { ok: true as const, values, value };
}
