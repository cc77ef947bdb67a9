import { parseMonth } from '../../src/shared/filters';

describe('parseMonth', () => {
  test.each([
    ['2026-03', '2026-03-01', '2026-03-31'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2026-12', '2026-12-01', '2026-12-31'],
  ])('%s runs from its first to its last day', (value, from, to) => {
    expect(parseMonth(value)).toEqual({ month: value, from, to });
  });

  test.each(['2019-13', '2019-00', '2019-1', '201903', '2019-03-01', 'march', '', undefined, ['2019-03']])('%j is refused', (value) => {
    expect(parseMonth(value)).toBeUndefined();
  });
});
