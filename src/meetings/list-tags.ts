import type { TFunction } from 'i18next';
import type { Formatters } from '../i18n/i18n';
import { filterTags, nameOf, periodValue } from '../shared/filter-tags';

type Choice = { id: number; name: string };

/** The meeting list's filters as removable tags, in the order of its form. */
export function meetingTags(t: TFunction, fmt: Formatters, values: Record<string, string>,
  choices: { campaigns: Choice[]; locals: Choice[] }, officialName?: string | null) {
  return filterTags(t, '/meetings', values, [
    { keys: ['campaign'], label: 'meetings:fields.campaign_id', value: nameOf(choices.campaigns) },
    { keys: ['official'], label: 'meetings:fields.official_id', value: ([id]) => officialName ?? id },
    { keys: ['status'], label: 'meetings:fields.status',
      value: ([s]) => s.split(',').map((one) => t(`meetings:status.${one}`)).join(t('shared:filterTags.or')) },
    { keys: ['stance'], label: 'meetings:fields.stance', value: ([s]) => t(`meetings:stance.${s}`) },
    { keys: ['province'], label: 'meetings:list.province', value: ([p]) => t(`shared:provinces.${p}`) },
    { keys: ['party'], label: 'meetings:list.party' },
    { keys: ['local'], label: 'meetings:list.local', value: nameOf(choices.locals) },
    { keys: ['from', 'to'], label: 'shared:filterTags.period', value: periodValue(t, fmt) },
    { keys: ['mine'], label: 'meetings:list.mine', value: () => '' },
    { keys: ['deleted'], label: 'meetings:list.deleted', value: () => '' },
  ]);
}
