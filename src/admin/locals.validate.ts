import { isCode, PROVINCES } from '../vocab/vocab';
import { FormResult, MAX_LENGTH, refuseNul, text } from '../shared/validation';
import type { LocalFields } from './locals.repo';

/** The local form: a name, and optionally its union or component and its province. */
export function parseLocalForm(body: Record<string, unknown>): FormResult<LocalFields> {
  const raw = { name: text(body.name, MAX_LENGTH.name), union_name: text(body.union_name, MAX_LENGTH.name), province: text(body.province).toUpperCase() };
  const errors: Record<string, string> = {};
  const values = refuseNul(raw, errors);
  if (!values.name) errors.name = 'admin:locals.errors.nameRequired';
  else if (values.name.length > MAX_LENGTH.name) errors.name = 'admin:locals.errors.nameTooLong';
  if (values.union_name.length > MAX_LENGTH.name) errors.union_name = 'admin:locals.errors.unionTooLong';
  if (values.province && !isCode(PROVINCES, values.province)) errors.province = 'shared:filters.badProvince';
  if (Object.keys(errors).length) return { ok: false, values, errors };
  return { ok: true, value: { name: values.name, union_name: values.union_name || null, province: values.province || null } };
}
