import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './oidc-sign-in.js';

describe('safeReturnPath: where a sign-in may return to', () => {
  it.each([
    ['/', '/'],
    ['/obstacles', '/obstacles'],
    ['/obstacles?theme=taxation&status=reported#list', '/obstacles?theme=taxation&status=reported#list'],
    ['/obstacles/../users', '/users'],
    ['/zoeken?q=grens arbeid', '/zoeken?q=grens%20arbeid'],
  ])('keeps a path of this site: %s → %s', (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });

  it.each([
    '',
    'obstacles',
    '//evil.example/x',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/obstacles\nSet-Cookie: x=y',
    '/\tevil',
    `/${'a'.repeat(2000)}`,
  ])('refuses %j', (value) => {
    expect(safeReturnPath(value)).toBeUndefined();
  });
});
