import { id, list, text } from '../shared/validation';

/** The most follow-ups one bulk action changes: a page holds 25, and a bound keeps a forged request small. */
export const MAX_BULK = 100;

export type BulkInput = { ids: number[]; action: 'done' } | { ids: number[]; action: 'reassign'; assignee_id: number | null };

/** The bulk form as sent: the rows ticked (to tick them again), the person chosen and the button pressed. */
export interface BulkValues {
  selected: number[];
  assignee_id: string;
}

/**
 * Reads ids[]=…&action=done|reassign&assignee_id=<id>|none from the bulk form. Which ids the user
 * may change and whom they may pick is for the service to check against the policy.
 */
export function parseBulkForm(body: Record<string, unknown>) {
  const raw = list(body.ids);
  const ids = [...new Set(raw.slice(0, MAX_BULK + 1).map((v) => id(v)))];
  const selected = ids.filter((v): v is number => v !== undefined).slice(0, MAX_BULK);
  const values: BulkValues = { selected, assignee_id: text(body.assignee_id) };
  const errors: Record<string, string> = {};
  const action = text(body.action);
  if (!raw.length) errors.ids = 'meetings:followUps.bulk.noneSelected';
  else if (raw.length > MAX_BULK) errors.ids = 'meetings:followUps.bulk.tooMany';
  else if (ids.includes(undefined)) errors.ids = 'meetings:followUps.bulk.notAllowed';
  if (action !== 'done' && action !== 'reassign') errors.action = 'meetings:followUps.bulk.noAction';
  let assignee: number | null | undefined = null;
  if (action === 'reassign') {
    assignee = values.assignee_id === 'none' ? null : id(values.assignee_id);
    if (!values.assignee_id) errors.assignee_id = 'meetings:followUps.bulk.chooseAssignee';
    else if (assignee === undefined) errors.assignee_id = 'meetings:errors.assignee';
  }
  if (Object.keys(errors).length) return { ok: false as const, values, errors };
  const value: BulkInput = action === 'done' ? { ids: selected, action } : { ids: selected, action: 'reassign', assignee_id: assignee ?? null };
  return { ok: true as const, values, value };
}
