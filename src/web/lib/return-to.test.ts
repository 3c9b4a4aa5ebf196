import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it.each([
    ['/account', '/account'],
    ['/obstacles?q=grens&status=reported', '/obstacles?q=grens&status=reported'],
    ['/obstacles/GB-2026-0001/edit#field-title-nl', '/obstacles/GB-2026-0001/edit#field-title-nl'],
    ['/', '/'],
  ])('keeps a path of this site: %s', (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });

  it.each([
    ['nothing', null],
    ['empty', ''],
    ['an absolute URL', 'https://evil.example/account'],
    ['a scheme-relative URL', '//evil.example/account'],
    ['a backslash after the slash', '/\\evil.example'],
    ['a backslash later on', '/a\\..\\\\evil.example'],
    ['a tab browsers drop', '/\t/evil.example'],
    ['a newline browsers drop', '/\n/evil.example'],
    ['a space', '/ /evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['a relative path', 'account'],
    ['a data URL', 'data:text/html,<script>alert(1)</script>'],
    ['a very long value', `/${'a'.repeat(2001)}`],
  ])('refuses %s', (_label, value) => {
    expect(safeReturnTo(value)).toBe('/');
    expect(safeReturnTo(value, '/account')).toBe('/account');
  });

  it('normalises dot segments without leaving the site', () => {
    expect(safeReturnTo('/../../evil.example')).toBe('/evil.example');
    expect(safeReturnTo('/a/%2e%2e/b')).toBe('/b');
  });
});
