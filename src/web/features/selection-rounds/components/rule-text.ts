import type { TFunction } from 'i18next';

/**
 * A rule family and its value in the reader's words: `sideShare` [{side: 'nl', minPercent: 40}] →
 * "share per side: nl at least 40%"; a limit for every key, or per key named; an exact count on or
 * off; candidates kept or left out by their references. The family's name is translated
 * (`rounds.rule.*`); an unknown family keeps its key; `label` names a theme or department key.
 */
export function ruleText(
  t: TFunction,
  family: string,
  value: unknown,
  reference: (obstacleId: string) => string = (id) => id,
  label: (key: string) => string = (key) => key,
): string {
  const name = t(`rounds.rule.${family}`, { defaultValue: family });
  return `${name}: ${ruleValue(t, value, reference, label)}`;
}

/** The value of a rule family alone (where the family is said beside it). */
export function ruleValue(
  t: TFunction,
  value: unknown,
  reference: (obstacleId: string) => string = (id) => id,
  label: (key: string) => string = (key) => key,
): string {
  if (value === null || value === undefined || value === false) return t('selectionDecision.ruleOff');
  if (value === true) return t('selectionDecision.ruleOn');
  if (typeof value === 'number') return t('selectionDecision.limitEvery', { limit: value });
  if (Array.isArray(value)) {
    if (value.length === 0) return t('selectionDecision.ruleOff');
    if (typeof value[0] === 'string') return value.map((id) => reference(String(id))).join(', ');
    return value
      .map((share: { side?: string; minPercent?: number; maxPercent?: number }) => {
        const { side = '', minPercent, maxPercent } = share;
        if (minPercent !== undefined && maxPercent !== undefined)
          return t('selectionDecision.shareBetween', { side, min: minPercent, max: maxPercent });
        if (minPercent !== undefined) return t('selectionDecision.shareAtLeast', { side, min: minPercent });
        if (maxPercent !== undefined) return t('selectionDecision.shareAtMost', { side, max: maxPercent });
        return side;
      })
      .join('; ');
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('max' in record || 'exact' in record) {
      return record.exact !== undefined
        ? t('selectionDecision.exactly', { count: Number(record.exact) })
        : t('selectionDecision.atMost', { count: Number(record.max) });
    }
    return Object.entries(record)
      .map(([key, limit]) => `${label(key)} ${String(limit)}`)
      .join(', ');
  }
  return String(value);
}
