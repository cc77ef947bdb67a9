import { passwordProblem } from '../auth/passwords';
import { ROLES, Role } from '../shared/types';
import { FormResult, id, refuseNul, text } from '../shared/validation';

export interface UserAccess {
  role: Role;
  local_id: number | null;
  active: boolean;
}

/** The admin's form for a user's role, local and active flag (an unticked box is not sent). */
export function parseUserAccessForm(body: Record<string, unknown>): FormResult<UserAccess> {
  const raw = { role: text(body.role), local_id: text(body.local_id), active: text(body.active) === 'on' };
  const errors: Record<string, string> = {};
  const values = refuseNul(raw, errors);
  if (!ROLES.includes(values.role as Role)) errors.role = 'auth:errors.role';
  const localId = values.local_id ? id(values.local_id) : null;
  if (localId === undefined) errors.local_id = 'auth:errors.local';
  if (Object.keys(errors).length) return { ok: false, values, errors };
  return { ok: true, value: { role: values.role as Role, local_id: localId ?? null, active: values.active } };
}

/** The admin's password reset form: the new password, checked like any other. */
export function parsePasswordResetForm(body: Record<string, unknown>): FormResult<{ password: string }> {
  const password = typeof body.new_password === 'string' ? body.new_password : '';
  const problem = passwordProblem(password);
  return problem ? { ok: false, values: {}, errors: { new_password: problem } } : { ok: true, value: { password } };
}
