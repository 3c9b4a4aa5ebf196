/**
 * How the history shows a changed field's value: keys as their labels, texts in the reader's
 * language, lists as their items; what has no short form (a list of provisions, a reporter) as a
 * count or a kind, never as raw JSON.
 */
import type { TFunction } from 'i18next';
import type { ReferenceData } from '../../../lib/api-client';
import { formatDate, formatNumber } from '../../../lib/format';
import { CHANNEL_KEYS, isOneOf, REPORTER_TYPE_KEYS, STATUS_KEYS, TYPE_KEYS, VISIBILITY_KEYS } from '../../../lib/keys';
import { isLanguage, LANGUAGES, type Language } from '../../../lib/language';

/** The fields of the audit trail (core/obstacles/obstacle-audit.ts) that have a label. */
export const HISTORY_FIELDS = [
  'title',
  'summary',
  'description',
  'sourceLanguage',
  'status',
  'visibility',
  'reporter',
  'coReporters',
  'channel',
  'reportedOn',
  'segment',
  'governments',
  'regions',
  'municipalities',
  'affectedGroups',
  'estimatedAffected',
  'evidence',
  'themes',
  'type',
  'provisions',
  'analysis.description',
  'analysis.solutions',
  'analysis.derogation',
  'analysis.otherAspects',
  'analysis.references',
  'referredTo',
  'mergedInto',
  'related',
] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** The message key of a field's label (i18next reads a dot as nesting). */
export function historyFieldKey(field: HistoryField): string {
  return field.replace('.', '_');
}

const MAX_CHARS = 160;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_CHARS ? `${flat.slice(0, MAX_CHARS - 1)}…` : flat;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value as object).every((v) => isEmpty(v));
  return false;
}

/** A text per language: the reader's, else the first there is. */
function localized(value: Record<string, unknown>, language: Language): string | undefined {
  for (const l of [language, ...LANGUAGES]) {
    const text = value[l];
    if (typeof text === 'string' && text.trim() !== '') return text;
  }
  return undefined;
}

export interface ValueContext {
  t: TFunction;
  language: Language;
  reference: ReferenceData;
  /** The obstacle this duplicate was merged into, to show a reference instead of an id. */
  mergedInto?: { id: string; reference: string } | null | undefined;
}

/** A value of a field as words, or undefined when it is empty. */
export function showValue(field: string, value: unknown, context: ValueContext): string | undefined {
  const { t, language, reference } = context;
  if (isEmpty(value)) return undefined;
  const key = typeof value === 'string' ? value : undefined;
  switch (field) {
    case 'status':
      return isOneOf(STATUS_KEYS, key) ? t(`status.${key}`) : key;
    case 'visibility':
      return isOneOf(VISIBILITY_KEYS, key) ? t(`visibility.${key}`) : key;
    case 'type':
      return isOneOf(TYPE_KEYS, key) ? t(`type.${key}`) : key;
    case 'channel':
      return isOneOf(CHANNEL_KEYS, key) ? t(`channel.${key}`) : key;
    case 'sourceLanguage':
      return isLanguage(key) ? t(`languageName.${key}`) : key;
    case 'reportedOn':
      return key ? formatDate(language, key) : undefined;
    case 'segment':
      return reference.segments.find((s) => s.key === key)?.label ?? key;
    case 'referredTo':
      return reference.organisations.find((o) => o.key === key)?.name ?? key;
    case 'mergedInto': {
      const survivor = context.mergedInto;
      return survivor && survivor.id === key ? survivor.reference : key;
    }
    case 'themes':
      return Array.isArray(value)
        ? value.map((k) => reference.themes.find((theme) => theme.key === k)?.label ?? String(k)).join(', ')
        : undefined;
    case 'governments':
      return Array.isArray(value)
        ? value.map((k) => reference.governments.find((g) => g.key === k)?.label ?? String(k)).join(', ')
        : undefined;
    case 'related':
      return Array.isArray(value) ? t('history.items', { count: value.length }) : undefined;
    case 'reporter': {
      const type = (value as { type?: unknown }).type;
      return isOneOf(REPORTER_TYPE_KEYS, type) ? t(`reporterType.${type}`) : undefined;
    }
    case 'analysis.derogation': {
      const { possible, explanation } = value as { possible?: boolean | null; explanation?: Record<string, unknown> };
      const answer =
        possible === true
          ? t('analysis.possibleYes')
          : possible === false
            ? t('analysis.possibleNo')
            : t('analysis.possibleUnknown');
      const text = explanation ? localized(explanation, language) : undefined;
      return shorten(text ? `${answer}: ${text}` : answer);
    }
  }
  if (typeof value === 'number') return formatNumber(language, value);
  if (typeof value === 'boolean') return value ? t('analysis.possibleYes') : t('analysis.possibleNo');
  if (typeof value === 'string') return shorten(value);
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'string')) return shorten(value.join(', '));
    return t('history.items', { count: value.length });
  }
  if (typeof value === 'object') {
    const text = localized(value as Record<string, unknown>, language);
    return text === undefined ? undefined : shorten(text);
  }
  return undefined;
}
