import { ROLES, Role } from '../shared/types';
import { FormResult, id, isEmail, MAX_LENGTH, refuseNul, text } from '../shared/validation';
import { passwordProblem } from './passwords';

export interface UserInput {
  email: string;
  name: string;
  password: string;
  role: Role;
  local_id: number | null;
}

/** New user form (setup page, admin page and command line alike). */
export function parseUserForm(body: Record<string, unknown>, defaults: Partial<UserInput> = {}): FormResult<UserInput> {
  const raw = {
    email: text(body.email, MAX_LENGTH.email),
    name: text(body.name, MAX_LENGTH.name),
    role: text(body.role) || defaults.role || '',
    local_id: text(body.local_id),
  };
  const password = typeof body.password === 'string' ? body.password : '';
  const errors: Record<string, string> = {};
  const values = refuseNul(raw, errors);
  if (!isEmail(values.email)) errors.email = 'auth:errors.email';
  if (!values.name) errors.name = 'auth:errors.nameRequired';
  else if (values.name.length > MAX_LENGTH.name) errors.name = 'auth:errors.nameTooLong';
  const problem = passwordProblem(password);
  if (problem) errors.password = problem;
  if (!ROLES.includes(values.role as Role)) errors.role = 'auth:errors.role';
  const localId = values.local_id ? id(values.local_id) : null;
  if (localId === undefined) errors.local_id = 'auth:errors.local';
  if (Object.keys(errors).length) return { ok: false, values, errors };
  return { ok: true, value: { email: values.email, name: values.name, password, role: values.role as Role, local_id: localId ?? null } };
}
