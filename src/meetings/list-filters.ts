import { parseActivityFilters } from '../shared/filters';
import { id, MAX_LENGTH, text } from '../shared/validation';
import { MEETING_SORTS, type MeetingFilters } from './list.repo';
import { isCode, MEETING_STATUSES, STANCES } from '../vocab/vocab';

/** The list's filters as typed (to put back in the form) and parsed; a malformed one is an error. */
export function parseMeetingFilters(query: Record<string, unknown>, coordinator: boolean) {
  const read = (key: string) => text(query[key]);
  const values = {
    campaign: read('campaign'), official: read('official'), province: read('province').toUpperCase(), party: read('party'),
    status: read('status'), stance: read('stance'), local: read('local'), from: read('from'), to: read('to'),
    mine: read('mine') === '1' ? '1' : '', deleted: coordinator && read('deleted') === '1' ? '1' : '',
    q: read('q').slice(0, MAX_LENGTH.name), sort: isCode(MEETING_SORTS, read('sort')) && read('sort') !== 'newest' ? read('sort') : '',
  };
  const shared = parseActivityFilters(query);
  const errors: Record<string, string> = shared.ok ? {} : { ...shared.errors };
  const value: MeetingFilters = shared.ok ? { ...shared.value } : {};
  if (values.official) {
    value.official_id = id(values.official);
    if (value.official_id === undefined) errors.official = 'meetings:errors.official';
  }
  if (values.status) {
    // Several statuses, comma-separated: the dashboard's "requested or scheduled" opens both.
    const statuses = [...new Set(values.status.split(','))];
    if (statuses.every((s) => isCode(MEETING_STATUSES, s))) value.status = statuses;
    else errors.status = 'meetings:errors.status';
  }
  if (values.stance) {
    if (isCode(STANCES, values.stance)) value.stance = values.stance;
    else errors.stance = 'meetings:errors.stance';
  }
  if (values.q) value.q = values.q;
  if (values.sort) value.sort = values.sort as MeetingFilters['sort'];
  value.mine = values.mine === '1';
  value.deleted = values.deleted === '1';
  return Object.keys(errors).length
    ? { ok: false as const, values, errors }
    : { ok: true as const, values, value };
}
