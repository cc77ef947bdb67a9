import { formatters, translator } from '../../src/i18n/i18n';
import { filterTags, nameOf, periodValue } from '../../src/shared/filter-tags';
import { labelsFor } from '../../src/vocab/labels';

const t = translator('en');

test('a tag per filter set, in the order given, each linking to the list without it (and without the page)', () => {
  const query = { campaign: 3, province: 'ON', local: '', from: '2026-03-02', to: '2026-03-08', page: '2' };
  expect(filterTags(t, '/meetings', query, [
    { keys: ['campaign'], label: 'dashboard:filters.campaign', value: nameOf([{ id: 3, name: 'Spring push' }]), removable: false },
    { keys: ['province'], label: 'dashboard:filters.province', value: ([p]) => labelsFor('en').province(p) },
    { keys: ['local'], label: 'dashboard:filters.local' },
    { keys: ['from', 'to'], label: 'shared:filterTags.period', value: periodValue(t, formatters('en')) },
  ])).toEqual([
    { key: 'campaign', label: 'Campaign', value: 'Spring push', href: undefined },
    { key: 'province', label: 'Province or territory', value: 'Ontario', href: '/meetings?campaign=3&from=2026-03-02&to=2026-03-08' },
    { key: 'from', label: 'Period', value: 'March 2, 2026 to March 8, 2026', href: '/meetings?campaign=3&province=ON' },
  ]);
});

test('one end of a period, in French; an id not among the choices reads as itself', () => {
  const fr = translator('fr');
  const period = periodValue(fr, formatters('fr'));
  expect(period(['2026-03-02', ''])).toBe('depuis le 2 mars 2026');
  expect(period(['', '2026-03-08'])).toBe('jusqu’au 8 mars 2026');
  expect(nameOf([])(['7'])).toBe('7');
});
