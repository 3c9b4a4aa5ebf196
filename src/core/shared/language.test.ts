import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type LocalizedText, negotiateLanguage, resolveText } from './language.js';

describe('LANGUAGES', () => {
  it('are nl, fr, de and en, Dutch first and the default', () => {
    expect([...LANGUAGES]).toEqual(['nl', 'fr', 'de', 'en']);
    expect(DEFAULT_LANGUAGE).toBe('nl');
  });

  it.each([
    ['nl', true],
    ['en', true],
    ['NL', false],
    ['es', false],
    ['', false],
    [undefined, false],
    [42, false],
  ])('isLanguage(%j) is %s', (value, expected) => {
    expect(isLanguage(value)).toBe(expected);
  });
});

describe('resolveText', () => {
  const all: LocalizedText = { nl: 'Titel', fr: 'Titre', de: 'Titel DE', en: 'Title' };

  it('gives the requested language when present, not as a fallback', () => {
    for (const language of LANGUAGES) {
      expect(resolveText(all, language)).toEqual({ value: all[language], language, fallback: false });
    }
  });

  it('falls back to the source language first', () => {
    expect(resolveText({ de: 'Grenzgänger', en: 'Cross-border worker' }, 'fr', 'en')).toEqual({
      value: 'Cross-border worker',
      language: 'en',
      fallback: true,
    });
    expect(resolveText({ nl: 'Grensarbeider', de: 'Grenzgänger' }, 'fr', 'de')).toEqual({
      value: 'Grenzgänger',
      language: 'de',
      fallback: true,
    });
  });

  it('then falls back in the order nl, fr, de, en', () => {
    expect(resolveText({ en: 'E', de: 'D', fr: 'F' }, 'nl')).toEqual({ value: 'F', language: 'fr', fallback: true });
    expect(resolveText({ en: 'E', de: 'D' }, 'fr')).toEqual({ value: 'D', language: 'de', fallback: true });
    expect(resolveText({ en: 'E' }, 'de')).toEqual({ value: 'E', language: 'en', fallback: true });
    expect(resolveText({ nl: 'N', en: 'E' }, 'fr')).toEqual({ value: 'N', language: 'nl', fallback: true });
  });

  it('uses the order when the source language is missing too', () => {
    expect(resolveText({ de: 'D', en: 'E' }, 'nl', 'fr')).toEqual({ value: 'D', language: 'de', fallback: true });
  });

  it('treats an empty string as missing', () => {
    expect(resolveText({ nl: '', fr: 'Titre' }, 'nl')).toEqual({ value: 'Titre', language: 'fr', fallback: true });
    expect(resolveText({ nl: 'Titel', fr: '' }, 'de', 'fr')).toEqual({ value: 'Titel', language: 'nl', fallback: true });
  });

  it('gives undefined for a missing or empty text', () => {
    expect(resolveText(undefined, 'nl')).toBeUndefined();
    expect(resolveText({}, 'nl')).toBeUndefined();
    expect(resolveText({ nl: '', fr: '' }, 'en', 'nl')).toBeUndefined();
  });

  it('treats a whitespace-only text as missing, like checkObstacle does', () => {
    expect(resolveText({ nl: '   ', fr: 'Titre' }, 'nl')).toEqual({ value: 'Titre', language: 'fr', fallback: true });
  });
});

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'nl'],
    ['', 'nl'],
    ['nl', 'nl'],
    ['fr', 'fr'],
    ['de', 'de'],
    ['en', 'en'],
  ] as const)('%j → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });

  it.each([
    ['fr-BE', 'fr'],
    ['nl-BE', 'nl'],
    ['de-AT', 'de'],
    ['en-GB', 'en'],
    ['FR-be', 'fr'],
    ['  de-CH  ', 'de'],
    ['fr-BE,fr;q=0.9,nl;q=0.8', 'fr'],
  ] as const)('takes the primary language of a regional tag: %j → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });

  it.each([
    ['en;q=0.5, fr;q=0.9', 'fr'],
    ['de;q=0.1, en;q=0.2, fr;q=0.3, nl;q=0.25', 'fr'],
    ['en;q=0.8,de', 'de'],
    ['fr ; q=0.4 , de ; q=0.6', 'de'],
    ['fr;q=1.0, en;q=0.999', 'fr'],
    ['fr;q=0, de', 'de'],
    ['nl;q=0.000, en;q=0.001', 'en'],
  ] as const)('prefers the highest q-value: %j → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });

  it('keeps the header order between equal q-values', () => {
    expect(negotiateLanguage('de, fr')).toBe('de');
    expect(negotiateLanguage('fr;q=0.5, de;q=0.5')).toBe('fr');
    expect(negotiateLanguage('en, nl')).toBe('en');
  });

  it.each([
    ['es', 'de'],
    ['es-ES, it;q=0.9, pt;q=0.8', 'de'],
    ['es, it;q=0.9, en;q=0.1', 'en'],
    ['x-klingon, fr;q=0.2', 'fr'],
    ['nld', 'de'],
    ['fra', 'de'],
    ['fr_BE', 'de'],
    ['*', 'de'],
    ['*, nl;q=0.1', 'nl'],
  ] as const)('skips unsupported languages (fallback de): %j → %s', (header, expected) => {
    expect(negotiateLanguage(header, 'de')).toBe(expected);
  });

  it('uses the given fallback when nothing matches', () => {
    expect(negotiateLanguage('es', 'en')).toBe('en');
    expect(negotiateLanguage(undefined, 'de')).toBe('de');
    expect(negotiateLanguage('fr;q=0', 'en')).toBe('en');
    expect(negotiateLanguage('fr', 'en')).toBe('fr');
  });

  it.each([
    ';;;',
    ',,,',
    ', ,',
    'q=1',
    ';q=0.9',
    'fr;q=abc',
    'fr;q=',
    'fr;q=-1',
    '🙂',
    '\u0000fr',
    'dé',
    '=,=;=',
    `${'x'.repeat(10_000)},${'y;q=0.5,'.repeat(1_000)}`,
  ])('survives a garbage header (%j) with the default', (header) => {
    expect(negotiateLanguage(header)).toBe('nl');
  });

  it('ignores garbage next to a valid range', () => {
    expect(negotiateLanguage(';;;, de;q=0.5, ,')).toBe('de');
    expect(negotiateLanguage('fr;q=abc, en;q=0.1')).toBe('en');
    expect(negotiateLanguage('fr;level=1;q=0.7, de;q=0.5')).toBe('fr');
  });

  it('reads an upper-case Q parameter (RFC 9110 §12.4.2)', () => {
    expect(negotiateLanguage('fr;Q=0, de')).toBe('de');
  });
});
