import { paginate, withParams } from '../../src/shared/pagination';

/** What withParams must give: the parameters merged and form-encoded by URLSearchParams. */
function reference(path: string, current: Record<string, unknown>, changes: Record<string, unknown> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...current, ...changes })) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') params.append(key, String(v));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

test('links keep the parameters in order, change some, add others and leave empty ones out', () => {
  const filters = { campaign: 3, province: undefined, party: 'NDP', local: undefined, from: '2026-01-01', to: undefined };
  expect(withParams('/meetings', filters, { local: 12, status: 'held' })).toBe('/meetings?campaign=3&party=NDP&local=12&from=2026-01-01&status=held');
  expect(withParams('/meetings', filters, { party: '', page: 2 })).toBe('/meetings?campaign=3&from=2026-01-01&page=2');
  expect(withParams('/meetings', {}, {})).toBe('/meetings');
});

test('any value is encoded as URLSearchParams encodes it', () => {
  const values: unknown[] = ['x y', 'a&b=c', "é!'()~*", 'Bloc Québécois', '/dashboard?campaign=1&page=2', '\u{1F600}', '100%', '+',
    0, 1.5, -2, true, false, null, undefined, '', ['1', '', null, '2'], [], 'ok_.-*'];
  for (const a of values) {
    for (const b of values) {
      const current = { campaign: a, 'the key': b, list: [a, b] };
      expect(withParams('/p', current, { campaign: b, extra: a })).toBe(reference('/p', current, { campaign: b, extra: a }));
      expect(withParams('/p', { q: a }, { r: b })).toBe(reference('/p', { q: a }, { r: b }));
    }
  }
});

test('an out-of-range page gives the last one', () => {
  expect(paginate('9', 60, 25)).toMatchObject({ page: 3, pages: 3, offset: 50 });
  expect(paginate('x', 0, 25)).toMatchObject({ page: 1, pages: 1, offset: 0 });
});
