import { filterTags } from '../../src/shared/filter-tags';

describe('filterTags', () => {
  const describe_ = {
    campaign: (v: string) => ({ label: 'Campaign', value: v === '3' ? 'Fund services' : `#${v}` }),
    local: (v: string) => (v === 'ignored' ? undefined : { label: 'Local', value: `Local ${v}` }),
    overdue: () => ({ label: 'Overdue only' }),
  };

  test('one tag per filter in force, in the order described, each linking to the list without it (and on its first page)', () => {
    const { tags, clear } = filterTags('/follow-ups', { state: 'done', local: '7', campaign: '3', overdue: '1', page: '4' }, describe_);
    expect(tags).toEqual([
      { key: 'campaign', label: 'Campaign', value: 'Fund services', url: '/follow-ups?state=done&local=7&overdue=1' },
      { key: 'local', label: 'Local', value: 'Local 7', url: '/follow-ups?state=done&campaign=3&overdue=1' },
      { key: 'overdue', label: 'Overdue only', value: '', url: '/follow-ups?state=done&local=7&campaign=3' },
    ]);
    expect(clear).toBe('/follow-ups?state=done');
  });

  test('empty, missing, repeated or ignored values make no tag', () => {
    const { tags, clear } = filterTags('/x', { campaign: '', local: 'ignored', overdue: ['1', '1'] }, describe_);
    expect(tags).toEqual([]);
    expect(clear).toBe('/x');
  });

  test('a value is carried as text, encoded in the links', () => {
    const { tags } = filterTags('/meetings', { party: 'Bloc Québécois & co', campaign: '3' }, { party: (v) => ({ label: 'Party', value: v }) });
    expect(tags[0]).toEqual({ key: 'party', label: 'Party', value: 'Bloc Québécois & co', url: '/meetings?campaign=3' });
  });
});
