import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../i18n/resources';
import { ruleText, ruleValue } from './rule-text';

describe('rules in the reader’s words', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({
      resources: Object.fromEntries(Object.entries(MESSAGES).map(([lng, m]) => [lng, { translation: m }])),
      lng: 'en',
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
    });
  });

  it('names the family and its value: shares per side, a limit for every key or per key, capacity, kept candidates', () => {
    const t = i18n.t;
    expect(
      ruleText(t, 'sideShare', [
        { side: 'NL', minPercent: 40, maxPercent: 60 },
        { side: 'VL', minPercent: 30 },
      ]),
    ).toBe('share per side: NL 40–60%; VL at least 30%');
    expect(ruleText(t, 'maxPerTheme', 2)).toBe('maximum per theme: 2 each');
    expect(ruleText(t, 'maxPerTheme', { taxation: 1 }, undefined, (key) => (key === 'taxation' ? 'Taxation' : key))).toBe(
      'maximum per theme: Taxation 1',
    );
    expect(ruleText(t, 'capacity', { exact: 3 })).toBe('capacity: exactly 3');
    expect(ruleText(t, 'keep', ['o1'], (id) => (id === 'o1' ? 'GB-1' : id))).toBe('kept: GB-1');
    expect(ruleValue(t, null)).toBe('none');
    expect(ruleValue(t, [])).toBe('none');
  });

  it('in each language', async () => {
    await i18n.changeLanguage('de');
    expect(ruleText(i18n.t, 'capacity', { max: 4 })).toBe(`${i18n.t('rounds.rule.capacity')}: höchstens 4`);
    await i18n.changeLanguage('fr');
    expect(ruleValue(i18n.t, 2)).toBe('2 chacun');
    await i18n.changeLanguage('nl');
    expect(ruleValue(i18n.t, 2)).toBe('2 per stuk');
  });
});
