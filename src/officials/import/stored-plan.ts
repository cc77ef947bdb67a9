import { z } from 'zod';
import { LEVELS } from '../../vocab/vocab';
import { today } from '../../shared/validation';
import { FIELDS, type OfficialValues } from './fields';
import type { Ending, IdentityCase, Plan, PlanInput, Update } from './plan';
import type { ImportRow, Scope } from './rows';

/*
 * What a batch keeps of its preview (import_batches.plan), parsed where it is read back, so that
 * confirming applies exactly what was previewed and a plan the code no longer reads fails by name.
 * A batch keeps its plan from one version of the tracker to the next: what a later version added
 * reads, in a plan stored before it, as what that plan meant then (a column the file did not carry,
 * no identity cases, no vacated seats, no "ended on" day of its own: today).
 */

/** A value of an official's column: what a plan stored before the column existed has not. */
const value = z.string().nullable().default(null);

const ScopeSchema = z.object({ level: z.enum(LEVELS), jurisdiction: z.string() }) satisfies z.ZodType<Scope>;

const Values = z.object({
  honorific: value, first_name: value, last_name: value, constituency: value, constituency_fr: value, province: value, party: value,
  email: value, phone: value, address: value, start_date: value, end_date: value, external_id: value,
}) satisfies z.ZodType<OfficialValues>;

const Row = Values.extend({ line: z.number(), first_name: z.string(), last_name: z.string(), constituency: z.string() }) satisfies z.ZodType<ImportRow>;

const EndingSchema = z.object({ id: z.number(), name: z.string(), constituency: z.string(), end_date: z.string() }) satisfies z.ZodType<Ending>;

const UpdateSchema = z.object({
  id: z.number(), line: z.number(), name: z.string(), changes: z.array(z.object({ field: z.enum(FIELDS), from: value, to: value })), values: Values,
}) satisfies z.ZodType<Update>;

const Case = z.object({
  line: z.number(), kind: z.enum(['renamed', 'moved', 'replaced']), same: z.boolean(),
  official: z.object({ id: z.number(), name: z.string(), constituency: z.string() }),
  row: z.object({ name: z.string(), constituency: z.string() }), meetings: z.number().default(0),
}) satisfies z.ZodType<IdentityCase>;

export const PlanSchema = z.object({
  scope: ScopeSchema, add: z.array(Values.extend({ line: z.number() })), update: z.array(UpdateSchema), unchanged: z.number(),
  replace: z.array(EndingSchema), missing: z.array(EndingSchema), vacated: z.array(EndingSchema).default([]),
  cases: z.array(Case).default([]), endedOn: z.string().default(() => today()),
}) satisfies z.ZodType<Plan>;

const Input = z.object({ scope: ScopeSchema, rows: z.array(Row), named: z.array(z.string()), vacant: z.array(z.string()).optional() }) satisfies z.ZodType<PlanInput>;

/** Seats the file lists as vacant: shown, never imported as officials. */
const VacantSeats = z.array(z.object({ line: z.number(), constituency: z.string() }));

/** What a batch keeps of one body of its file. */
export const StoredBody = z.object({
  key: z.string(),
  /** A council: its city as the file spells it. */
  city: z.string().optional(),
  /** The plan as the rules make it, before any choice of the coordinator's. */
  plan: PlanSchema,
  /** The body's rows: applying re-plans them with the coordinator's choices (a plan of the first version has none). */
  input: Input.optional(),
  fingerprint: z.string(),
  /** Rows of the file for this body, accepted or not. */
  total: z.number(),
  vacant: VacantSeats,
  /** Once applied: whether this body was imported, and whether its list was declared complete. */
  applied: z.boolean().optional(),
  complete: z.boolean().optional(),
});
export type StoredBody = z.output<typeof StoredBody>;

/** What a batch keeps of its preview. A batch previewed before bodies existed has one body's fields at the top. */
export const StoredPlan = z.object({
  bodies: z.array(StoredBody).optional(),
  plan: PlanSchema.optional(),
  input: Input.optional(),
  fingerprint: z.string().optional(),
  vacant: VacantSeats.optional(),
  encoding: z.string(),
  total: z.number(),
  /** Problems found, of which the batch stores the first few hundred (older batches: all of them). */
  problemCount: z.number().optional(),
  /** Rows that name no province anywhere (column, riding lists, addresses): the preview warns. */
  noProvince: z.array(z.object({ line: z.number(), name: z.string(), constituency: z.string() })).optional(),
});
export type StoredPlan = z.output<typeof StoredPlan>;
