import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from './format';

describe('Intl formatting per language', () => {
  it('writes dates and numbers the way each language does', () => {
    expect(formatDate('nl', '2026-03-01')).toBe('1 maart 2026');
    expect(formatDate('de', '2026-03-01')).toBe('1. März 2026');
    expect(formatDate('en', '2026-03-01T23:30:00Z')).toBe('2 March 2026'); // Brussels time
    expect(formatNumber('nl', 12345)).toBe('12.345');
    expect(formatNumber('en', 12345)).toBe('12,345');
    expect(formatNumber('fr', 12345)).toMatch(/^12\s345$/u);
  });
});
