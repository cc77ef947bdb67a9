import { FormResult, text } from '../shared/validation';
import type { ImportOptions } from './import/parse';
import { isCode, LEVELS, Level } from '../vocab/vocab';
import { isJurisdiction } from './officials.validate';

/** The import form's level and jurisdiction: both optional, the file may say them. */
export function parseImportForm(body: Record<string, unknown> | undefined): FormResult<ImportOptions> {
  const level = text(body?.level);
  const jurisdiction = text(body?.jurisdiction).toLowerCase();
  const errors: Record<string, string> = {};
  if (level && !isCode(LEVELS, level)) errors.level = 'officials:refused.badLevel';
  if (jurisdiction && !isJurisdiction(jurisdiction)) errors.jurisdiction = 'officials:refused.badJurisdiction';
  if (Object.keys(errors).length) return { ok: false, values: { level, jurisdiction }, errors };
  return { ok: true, value: { level: (level || undefined) as Level | undefined, jurisdiction: jurisdiction || undefined } };
}
