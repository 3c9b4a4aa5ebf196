import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { AUDITED_FIELDS } from '../../../../core/obstacles/obstacle-audit.js';
import { nl } from '../../../i18n/nl';
import { HISTORY_FIELDS, historyFieldKey, showValue, type ValueContext } from './history-values';

/** Keys as themselves, with the count where there is one: enough to see which text was chosen. */
const t = ((key: string, options?: { count?: number }) =>
  options?.count === undefined ? key : `${key}:${options.count}`) as unknown as TFunction;

const context: ValueContext = {
  t,
  language: 'fr',
  reference: {
    themes: [{ key: 'taxation', label: 'Fiscalité' }],
    segments: [{ key: 'nl-vl', label: 'Pays-Bas–Flandre' }],
    governments: [],
    organisations: [{ key: 'gip-scheldemond', name: 'GrensInfoPunt Scheldemond', government: null, kind: 'information_point' }],
  },
  mergedInto: { id: 'uuid-1', reference: 'GB-2026-0001' },
};

describe('a changed value in the history', () => {
  it('shows keys as their labels and reference data by name', () => {
    expect(showValue('status', 'intake', context)).toBe('status.intake');
    expect(showValue('visibility', 'public', context)).toBe('visibility.public');
    expect(showValue('themes', ['taxation', 'unknown'], context)).toBe('Fiscalité, unknown');
    expect(showValue('segment', 'nl-vl', context)).toBe('Pays-Bas–Flandre');
    expect(showValue('referredTo', 'gip-scheldemond', context)).toBe('GrensInfoPunt Scheldemond');
    expect(showValue('mergedInto', 'uuid-1', context)).toBe('GB-2026-0001');
  });

  it('shows a text in the reader’s language, else another, shortened', () => {
    expect(showValue('analysis.solutions', { nl: 'Oplossing', fr: 'Solution' }, context)).toBe('Solution');
    expect(showValue('title', { nl: 'Alleen Nederlands' }, context)).toBe('Alleen Nederlands');
    const long = showValue('description', { fr: 'x'.repeat(500) }, context);
    expect(long).toHaveLength(160);
    expect(long?.endsWith('…')).toBe(true);
  });

  it('counts lists of records and says whether a derogation could solve it', () => {
    expect(showValue('provisions', [{ side: 'NL' }, { side: 'BE' }], context)).toBe('history.items:2');
    expect(showValue('related', ['uuid-2'], context)).toBe('history.items:1');
    expect(showValue('analysis.derogation', { possible: true, explanation: { fr: 'Par dérogation.' } }, context)).toBe(
      'analysis.possibleYes: Par dérogation.',
    );
    expect(showValue('reporter', { type: 'citizen', name: 'hidden?' }, context)).toBe('reporterType.citizen');
  });

  it('gives nothing for an empty value, so the page says “(empty)”', () => {
    for (const empty of [null, undefined, '', [], {}, { nl: '' }]) expect(showValue('summary', empty, context)).toBeUndefined();
  });

  it('names a field of the analysis by a key i18next does not read as nesting', () => {
    expect(historyFieldKey('analysis.otherAspects')).toBe('analysis_otherAspects');
    expect(historyFieldKey('title')).toBe('title');
  });

  it('has a label for every field of the audit trail', () => {
    // A test may read the core (the pages may not): the web's copy of the list stays the core's.
    expect([...HISTORY_FIELDS]).toEqual([...AUDITED_FIELDS]);
    expect(Object.keys(nl.historyField).sort()).toEqual(HISTORY_FIELDS.map(historyFieldKey).sort());
  });
});
