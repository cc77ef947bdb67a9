import type { TFunction } from 'i18next';
import type { Formatters, Language } from '../i18n/i18n';
import { labelsFor } from '../vocab/labels';
import { filterTags, quoted, type TagSpec } from '../shared/filter-tags';
import { Page, withParams } from '../shared/pagination';
import type { FollowUpFilterValues } from './follow-up-filters';
import type { ListedFollowUp } from './follow-up-list.repo';
import type { BulkValues } from './follow-ups-bulk.validate';

type Choice = { id: number; name: string };

/** What views/meetings/follow-ups.ejs shows: the rows and what they were chosen by. */
export interface FollowUpListData {
  rows: ListedFollowUp[];
  pageInfo: Page;
  people: Choice[];
  choices: { campaigns: (Choice & { name_fr: string })[]; locals: Choice[] };
  today: string;
}

const nameIn = (list: Choice[], value: string) => list.find((c) => String(c.id) === value)?.name ?? `#${value}`;

/**
 * The template's locals. The filters in force become removable tags; their names come from the
 * choices the page already shows (an id typed into the address that is not among them shows as #id,
 * revealing no one). `everyLocal`: the user works across locals (policy.ts), so the list names each
 * row's local and offers the bulk actions.
 */
export function followUpListView(t: TFunction, fmt: Formatters, values: FollowUpFilterValues, data: FollowUpListData,
  options: { lang: Language; everyLocal: boolean; errors?: Record<string, string>; bulk?: BulkValues }) {
  const vocab = labelsFor(options.lang);
  const campaigns = data.choices.campaigns.map((c) => ({ id: c.id, name: vocab.text(c.name, c.name_fr) }));
  const params: Record<string, string> = Object.fromEntries(Object.entries(values).filter(([, v]) => v));
  const keyed = (ids: Choice[]) => ([v]: string[]) => nameIn(ids, v);
  const specs: TagSpec[] = [
    { keys: ['q'], label: 'shared:lists.searchTag', value: ([q]) => quoted(options.lang, q) },
    { keys: ['campaign'], label: 'meetings:fields.campaign_id', value: keyed(campaigns) },
    { keys: ['local'], label: 'meetings:list.local', value: keyed(data.choices.locals) },
    { keys: ['assignee'], label: 'meetings:followUps.assignee', value: ([v]) => (v === 'none' ? t('meetings:followUps.nobody') : nameIn(data.people, v)) },
    { keys: ['due_from'], label: 'meetings:followUps.dueFrom', value: ([v]) => fmt.date(v) },
    { keys: ['due_to'], label: 'meetings:followUps.dueTo', value: ([v]) => fmt.date(v) },
    { keys: ['overdue'], label: 'meetings:followUps.overdueOnly', value: () => '' },
    { keys: ['province'], label: 'meetings:list.province', value: ([p]) => vocab.province(p) },
    { keys: ['party'], label: 'meetings:list.party', value: ([p]) => vocab.party(p) },
    { keys: ['as_of'], label: 'meetings:followUps.asOf', value: ([v]) => fmt.date(v) },
  ];
  const tags = filterTags(t, '/follow-ups', params, specs);
  const clear = withParams('/follow-ups', params, Object.fromEntries([...specs.flatMap((s) => s.keys), 'page'].map((k) => [k, undefined])));
  const pageParams = data.pageInfo.page > 1 ? { ...params, page: String(data.pageInfo.page) } : params;
  return {
    ...data,
    scope: values.state === 'done' ? 'done' : 'open',
    filters: values,
    params,
    tags,
    clear,
    /** The list as it is shown, where a row's own forms come back to. */
    returnTo: withParams('/follow-ups', pageParams),
    /** The list's parameters, carried by the bulk form so that a refusal shows the same list. */
    hiddenParams: pageParams,
    everyLocal: options.everyLocal,
    errors: options.errors ?? {},
    bulk: options.bulk ?? { selected: [], assignee_id: '' },
  };
}

