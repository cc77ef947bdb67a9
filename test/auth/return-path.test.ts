import { safeReturnPath } from '../../src/shared/auth-guards';

describe('safeReturnPath', () => {
  test.each([
    ['/meetings/5', '/meetings/5'],
    ['/meetings?status=held&page=2', '/meetings?status=held&page=2'],
    ['/meetings/../admin', '/admin'],
    ['/meetings/./5', '/meetings/5'],
    ['/%2e%2e/', '/'],
    ['/meetings/%2E%2e/admin/users', '/admin/users'],
    ['/a/b/../../../../x', '/x'],
  ])('%s → %s (dot segments resolved as a browser would)', (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });

  test.each([
    '//evil.example', '/\\evil.example', '/meetings/..//evil.example', '/%2e%2e//evil.example', '/.//evil.example',
    'https://evil.example/', 'http:/evil.example', 'javascript:alert(1)', 'meetings', '', '/x\ny', '/x\u0000', `/${'a'.repeat(3000)}`,
  ])('refuses %j: it is not a path on this site', (value) => {
    expect(safeReturnPath(value)).toBeUndefined();
  });

  test('whatever it lets through is a path on this site', () => {
    for (const value of ['/a/..//b', '/%2e%2e/%2e%2e//x', '/./../.././/y', '/%2F/evil', '/a?b=//c#//d']) {
      const path = safeReturnPath(value);
      if (path === undefined) continue;
      expect(path.startsWith('/') && !path.startsWith('//')).toBe(true);
      expect(new URL(path, 'https://tracker.example').origin).toBe('https://tracker.example');
    }
  });
});
