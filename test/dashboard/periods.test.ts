import { comparePeriods, pace } from '../../src/dashboard/periods';

test('a chosen range is compared with the range of the same length just before it', () => {
  expect(comparePeriods('2026-03-01', '2026-03-31', '2026-11-23')).toEqual({
    kind: 'range',
    current: { from: '2026-03-01', to: '2026-03-31', asOf: '2026-03-31' },
    previous: { from: '2026-01-29', to: '2026-02-28', asOf: '2026-02-28' },
  });
});

test('without a range, the campaign so far is compared with how it stood 30 days earlier', () => {
  expect(comparePeriods(undefined, undefined, '2026-11-23')).toEqual({
    kind: 'days', current: { from: undefined, to: undefined, asOf: '2026-11-23' }, previous: { from: undefined, to: '2026-10-24', asOf: '2026-10-24' },
  });
});

test('the pace carries the rate so far to the goal date, capped at the number of targets', () => {
  // 100 met in 50 days (2 a day), 30 days left: 160 of 338.
  expect(pace(100, 338, '2026-10-05', '2026-12-23', '2026-11-23')).toMatchObject({ projected: 160, onTrack: false, ended: false, perWeekNeeded: 56 });
  expect(pace(300, 338, '2026-10-05', '2026-12-23', '2026-11-23')).toMatchObject({ projected: 338, onTrack: true });
  expect(pace(10, 20, '2026-01-01', '2026-02-01', '2026-11-23')).toMatchObject({ ended: true, met: 10 });
  expect(pace(10, 20, null, '2026-12-01', '2026-11-23')).toBeUndefined();
  expect(pace(0, 20, '2026-12-01', '2027-01-01', '2026-11-23')).toBeUndefined();
});
