import { FormResult, id, isoDate, MAX_LENGTH, refuseNul, text } from '../shared/validation';

export interface AskInput {
  id: number | null;
  text: string;
  /** The French version ('' when none was written: the English shows, marked). */
  text_fr: string;
}

/** A campaign's texts are in English and French; the French may be left empty. */
export interface CampaignInput {
  name: string;
  name_fr: string;
  ask: string;
  ask_fr: string;
  asks: AskInput[];
  starts_on: string | null;
  ends_on: string | null;
  goal: string;
  goal_fr: string;
  goal_date: string | null;
  active: boolean;
  is_default: boolean;
}

/** One row of the asks table as typed: kept as strings so that a failed form shows them back. */
export interface AskRow {
  id: string;
  text: string;
  text_fr: string;
  position: string;
}

/** How many empty ask rows the form offers beyond the filled ones (more on "Add rows", no script needed). */
export const EMPTY_ASK_ROWS = 3;

/**
 * The asks' rows from `asks[i][text]`, `asks[i][id]`, `asks[i][position]`. The body parser gives an
 * array, or an object keyed by index once there are many rows: both are read the same way.
 */
export function askRows(value: unknown): AskRow[] {
  const raw = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [];
  return raw.slice(0, 100).map((row) => {
    const r = (row && typeof row === 'object' ? row : {}) as Record<string, unknown>;
    return { id: text(r.id), text: text(r.text, MAX_LENGTH.line), text_fr: text(r.text_fr, MAX_LENGTH.line), position: text(r.position) };
  });
}

/** Filled rows (in either language) in the order their numbers say; rows without a number keep their place. */
function orderedAsks(rows: AskRow[]): AskRow[] {
  return rows
    .map((row, index) => ({ row, index, rank: /^\d{1,4}$/.test(row.position) ? Number(row.position) : index + 1 }))
    .filter(({ row }) => row.text || row.text_fr)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ row }) => row);
}

export function parseCampaignForm(body: Record<string, unknown>): FormResult<CampaignInput> {
  const raw = {
    name: text(body.name, MAX_LENGTH.name),
    name_fr: text(body.name_fr, MAX_LENGTH.name),
    ask: text(body.ask, MAX_LENGTH.paragraph),
    ask_fr: text(body.ask_fr, MAX_LENGTH.paragraph),
    asks: askRows(body.asks),
    starts_on: text(body.starts_on),
    ends_on: text(body.ends_on),
    goal: text(body.goal, MAX_LENGTH.line),
    goal_fr: text(body.goal_fr, MAX_LENGTH.line),
    goal_date: text(body.goal_date),
    active: body.active === 'on' || body.active === '1',
    is_default: body.is_default === 'on' || body.is_default === '1',
  };
  const errors: Record<string, string> = {};
  const values = refuseNul(raw, errors);
  if (!values.name) errors.name = 'campaigns:errors.nameRequired';
  else if (values.name.length > MAX_LENGTH.name) errors.name = 'campaigns:errors.nameTooLong';
  if (values.name_fr.length > MAX_LENGTH.name) errors.name_fr = 'campaigns:errors.nameTooLong';
  if (values.ask.length > MAX_LENGTH.paragraph) errors.ask = 'campaigns:errors.askTooLong';
  if (values.ask_fr.length > MAX_LENGTH.paragraph) errors.ask_fr = 'campaigns:errors.askTooLong';
  if (values.goal.length > MAX_LENGTH.line) errors.goal = 'campaigns:errors.goalTooLong';
  if (values.goal_fr.length > MAX_LENGTH.line) errors.goal_fr = 'campaigns:errors.goalTooLong';
  const dates: Record<string, string | null> = {};
  for (const key of ['starts_on', 'ends_on', 'goal_date'] as const) {
    dates[key] = values[key] ? (isoDate(values[key]) ?? null) : null;
    if (values[key] && !dates[key]) errors[key] = 'shared:filters.badDate';
  }
  if (dates.starts_on && dates.ends_on && dates.ends_on < dates.starts_on) errors.ends_on = 'campaigns:errors.endsBeforeStart';
  const asks = orderedAsks(values.asks);
  if (asks.some((a) => a.text.length > MAX_LENGTH.line || a.text_fr.length > MAX_LENGTH.line)) errors.asks = 'campaigns:errors.askRowTooLong';
  if (values.is_default && !values.active) errors.is_default = 'campaigns:errors.defaultInactive';
  if (Object.keys(errors).length) return { ok: false, values, errors };
  return {
    ok: true,
    value: {
      name: values.name, name_fr: values.name_fr, ask: values.ask, ask_fr: values.ask_fr, goal: values.goal, goal_fr: values.goal_fr,
      active: values.active, is_default: values.is_default,
      starts_on: dates.starts_on, ends_on: dates.ends_on, goal_date: dates.goal_date,
      asks: asks.map((a) => ({ id: id(a.id) ?? null, text: a.text, text_fr: a.text_fr })),
    },
  };
}
