import type { TFunction } from 'i18next';
import type { Formatters, Language } from '../i18n/i18n';
import { labelsFor } from '../vocab/labels';
import { filterTags, nameOf, periodValue, quoted } from '../shared/filter-tags';

type Choice = { id: number; name: string };
type CampaignChoice = Choice & { name_fr?: string };

/** The meeting list's filters as removable tags, in the order of its form. */
export function meetingTags(t: TFunction, fmt: Formatters, lang: Language, values: Record<string, string>,
  choices: { campaigns: CampaignChoice[]; locals: Choice[] }, officialName?: string | null) {
  const vocab = labelsFor(lang);
  const campaigns = choices.campaigns.map((c) => ({ id: c.id, name: vocab.text(c.name, c.name_fr) }));
  return filterTags(t, '/meetings', values, [
    { keys: ['q'], label: 'shared:lists.searchTag', value: ([q]) => quoted(lang, q) },
    { keys: ['campaign'], label: 'meetings:fields.campaign_id', value: nameOf(campaigns) },
    { keys: ['official'], label: 'meetings:fields.official_id', value: ([id]) => officialName ?? id },
    { keys: ['status'], label: 'meetings:fields.status',
      value: ([s]) => s.split(',').map((one) => vocab.status(one)).join(t('shared:filterTags.or')) },
    { keys: ['stance'], label: 'meetings:fields.stance', value: ([s]) => vocab.stance(s) },
    { keys: ['province'], label: 'meetings:list.province', value: ([p]) => vocab.province(p) },
    { keys: ['party'], label: 'meetings:list.party', value: ([p]) => vocab.party(p) },
    { keys: ['local'], label: 'meetings:list.local', value: nameOf(choices.locals) },
    { keys: ['from', 'to'], label: 'shared:filterTags.period', value: periodValue(t, fmt) },
    { keys: ['mine'], label: 'meetings:list.mine', value: () => '' },
    { keys: ['deleted'], label: 'meetings:list.deleted', value: () => '' },
  ]);
}
