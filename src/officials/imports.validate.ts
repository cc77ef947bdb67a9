import { FormResult, MAX_LENGTH, text } from '../shared/validation';
import type { ImportOptions } from './import/parse';
import { isCode, LEVELS, Level, PROVINCES } from '../vocab/vocab';
import { cityJurisdiction } from './jurisdictions';
import { isJurisdiction } from './officials.validate';

/**
 * The import form's level and the body the list is for, all optional (the file may say them). The
 * form asks in words (a province or territory, and a city for a council's list) and the id is
 * made here (ca_on, ca_on_toronto); a `jurisdiction` id posted as it is stored (scripts) is taken too.
 */
export function parseImportForm(body: Record<string, unknown> | undefined): FormResult<ImportOptions> {
  const level = text(body?.level);
  const province = text(body?.province).toUpperCase();
  const city = text(body?.city, MAX_LENGTH.name);
  const posted = text(body?.jurisdiction).toLowerCase();
  const values = { level, province, city, jurisdiction: posted };
  const errors: Record<string, string> = {};
  if (level && !isCode(LEVELS, level)) errors.level = 'officials:refused.badLevel';
  if (province && !isCode(PROVINCES, province)) errors.province = 'officials:refused.badProvince';
  if (city && !province && !posted) errors.province = 'officials:refused.cityNeedsProvince';
  if (city && !/[\p{L}\p{N}]/u.test(city)) errors.city = 'officials:refused.badCity';
  if (posted && !isJurisdiction(posted)) errors.province = 'officials:refused.badJurisdiction';
  if (Object.keys(errors).length) return { ok: false, values, errors };
  const federal = level === 'federal' || level === 'senate';
  const made = federal ? undefined : city ? cityJurisdiction(province, city) : province ? `ca_${province.toLowerCase()}` : undefined;
  return { ok: true, value: { level: (level || undefined) as Level | undefined, jurisdiction: posted || made } };
}
