import { describe, expect, it } from 'vitest';
import {
  AppError,
  ERROR_CODES,
  type ErrorCode,
  errorMessage,
  errorTitle,
  type FieldError,
  type FieldErrorCode,
  fieldMessage,
  validationError,
} from './errors.js';
import { LANGUAGES, type Language } from './language.js';

const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

// A Record over the union: the compiler refuses this object when a FieldErrorCode is added or removed.
const FIELD_CODES: Record<FieldErrorCode, true> = {
  required: true,
  invalid_type: true,
  invalid_value: true,
  invalid_format: true,
  too_long: true,
  too_short: true,
  too_big: true,
  too_small: true,
  unknown_field: true,
  unknown_key: true,
  no_language: true,
  duplicate: true,
  common_password: true,
  wrong_password: true,
  invalid_target: true,
  other_body: true,
  lead_required: true,
  one_of_required: true,
  other_organisation: true,
  wrong_government: true,
  already_routed: true,
  not_proposed: true,
  not_a_candidate: true,
  not_participating: true,
  other_segment: true,
};
const FIELD_CODE_LIST = Object.keys(FIELD_CODES) as FieldErrorCode[];

/** The {placeholders} of a message template. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

/** English words that would betray an untranslated message in another language. */
const ENGLISH =
  /\b(the|this|there|field|value|again|please|must|should|cannot|does|only|invalid|required|expected|request|body)\b/i;

function perLanguage(render: (language: Language) => string): Record<Language, string> {
  return Object.fromEntries(LANGUAGES.map((language) => [language, render(language)])) as Record<Language, string>;
}

function expectTranslated(texts: Record<Language, string>, options: { englishCheck: boolean }): void {
  for (const language of LANGUAGES) expect(texts[language].trim(), language).not.toBe('');
  expect(new Set(Object.values(texts)).size, JSON.stringify(texts)).toBe(LANGUAGES.length);
  if (options.englishCheck) {
    for (const language of ['nl', 'fr', 'de'] as const) {
      expect(texts[language].replace(/\{\w+\}/g, ''), language).not.toMatch(ENGLISH);
    }
  }
}

describe('the error catalogue', () => {
  it('the check for English words recognises the English messages (so it is not vacuous)', () => {
    const english = [
      ...ERROR_CODE_LIST.map((code) => errorMessage(code, 'en')),
      ...FIELD_CODE_LIST.map((code) => fieldMessage({ name: 'x', code }, 'en')),
    ];
    const recognised = english.filter((text) => ENGLISH.test(text.replace(/\{\w+\}/g, '')));
    expect(recognised.length / english.length).toBeGreaterThan(0.5);
  });

  it('has an HTTP status for every code, 4xx or 5xx', () => {
    expect(ERROR_CODE_LIST.length).toBeGreaterThan(0);
    for (const code of ERROR_CODE_LIST) {
      expect(ERROR_CODES[code]).toBeGreaterThanOrEqual(400);
      expect(ERROR_CODES[code]).toBeLessThan(600);
    }
  });

  describe.each(ERROR_CODE_LIST)('%s', (code) => {
    it('has a non-empty message in nl, fr, de and en, different in each', () => {
      expectTranslated(
        perLanguage((language) => errorMessage(code, language)),
        { englishCheck: true },
      );
    });

    it('has a non-empty title in nl, fr, de and en, different in each', () => {
      expectTranslated(
        perLanguage((language) => errorTitle(code, language)),
        { englishCheck: true },
      );
    });

    it('uses the same placeholders in every language', () => {
      const english = placeholders(errorMessage(code, 'en'));
      for (const language of LANGUAGES) expect(placeholders(errorMessage(code, language)), language).toEqual(english);
    });
  });

  describe.each(FIELD_CODE_LIST)('field error %s', (code) => {
    const error: FieldError = { name: 'title', code };

    it('has a non-empty message in nl, fr, de and en, different in each', () => {
      expectTranslated(
        perLanguage((language) => fieldMessage(error, language)),
        { englishCheck: true },
      );
    });

    it('uses the same placeholders in every language', () => {
      const english = placeholders(fieldMessage(error, 'en'));
      for (const language of LANGUAGES) expect(placeholders(fieldMessage(error, language)), language).toEqual(english);
    });

    it('leaves no placeholder unfilled when its params are given', () => {
      const params = Object.fromEntries(placeholders(fieldMessage(error, 'en')).map((name) => [name, 'X1']));
      for (const language of LANGUAGES) {
        const text = fieldMessage({ ...error, params }, language);
        expect(text, language).not.toMatch(/\{\w+\}/);
        if (Object.keys(params).length > 0) expect(text, language).toContain('X1');
      }
    });
  });
});

describe('interpolation', () => {
  it('fills the params of an error message', () => {
    expect(errorMessage('obstacle_not_found', 'nl', { id: 'GB-2026-0042' })).toBe(
      'Er is geen grensbelemmering met kenmerk GB-2026-0042.',
    );
    expect(errorMessage('version_conflict', 'de', { current: 7 })).toContain('jetzt Version 7');
    expect(errorMessage('payload_too_large', 'fr', { max: 1_048_576 })).toContain('1048576 octets');
  });

  it('leaves a placeholder whose param is missing as it is, and ignores extra params', () => {
    expect(errorMessage('obstacle_not_found', 'en')).toBe('There is no obstacle with identifier {id}.');
    expect(errorMessage('not_found', 'en', { id: 'x' })).toBe('This page or resource does not exist.');
  });

  it('fills a param that appears in the value itself only once (no recursive expansion)', () => {
    expect(errorMessage('obstacle_not_found', 'en', { id: '{id}' })).toBe('There is no obstacle with identifier {id}.');
  });

  it('fills the params of a field message', () => {
    expect(fieldMessage({ name: 'title.nl', code: 'too_long', params: { max: 200 } }, 'nl')).toBe(
      'Te lang: maximaal 200 tekens.',
    );
    expect(fieldMessage({ name: 'theme', code: 'unknown_key', params: { value: 'astrology' } }, 'de')).toBe(
      'Unbekannter Wert „astrology“.',
    );
    expect(fieldMessage({ name: 'status.0', code: 'invalid_value', params: { allowed: 'a, b' } }, 'fr')).toBe(
      'Choisissez parmi : a, b.',
    );
  });

  it('translates the expected type of invalid_type', () => {
    const expected = (type: string, language: Language) =>
      fieldMessage({ name: 'limit', code: 'invalid_type', params: { expected: type } }, language);
    expect(expected('integer', 'nl')).toBe('Verwacht een geheel getal.');
    expect(expected('number', 'fr')).toBe('Valeur attendue : un nombre.');
    expect(expected('array', 'de')).toBe('Erwartet: eine Liste.');
    expect(expected('date', 'en')).toBe('Expected a date (YYYY-MM-DD).');
    for (const type of ['string', 'number', 'integer', 'boolean', 'object', 'array', 'date']) {
      expectTranslated(
        perLanguage((language) => expected(type, language)),
        { englishCheck: false },
      );
    }
  });

  it('passes an expected type it does not know through unchanged', () => {
    expect(fieldMessage({ name: 'x', code: 'invalid_type', params: { expected: 'bigint' } }, 'nl')).toBe('Verwacht bigint.');
  });

  it('does not change the params of the field error it renders', () => {
    const error: FieldError = { name: 'limit', code: 'invalid_type', params: { expected: 'integer' } };
    fieldMessage(error, 'fr');
    expect(error.params).toEqual({ expected: 'integer' });
  });
});

describe('AppError', () => {
  it('carries its code, its status from the catalogue, fields and params', () => {
    const error = new AppError('obstacle_not_found', { params: { id: 'x' } });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AppError');
    expect(error.code).toBe('obstacle_not_found');
    expect(error.status).toBe(404);
    expect(error.fields).toEqual([]);
    expect(error.params).toEqual({ id: 'x' });
  });

  it('makes a validation error from field errors', () => {
    const fields: FieldError[] = [{ name: 'limit', code: 'too_big', params: { max: 100 } }];
    const error = validationError(fields);
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(400);
    expect(error.fields).toEqual(fields);
  });

  it('keeps its cause', () => {
    const cause = new Error('connection refused');
    expect(new AppError('service_unavailable', { cause }).cause).toBe(cause);
  });
});
