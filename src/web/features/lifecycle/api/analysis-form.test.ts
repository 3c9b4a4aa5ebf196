import { describe, expect, it } from 'vitest';
import { readAnalysisForm, toAnalysisPatch } from './analysis-form';

describe('the analysis form', () => {
  it('becomes the PATCH body of the six parts; blank rows are dropped, partly filled rows kept for the API to judge', () => {
    const form = new FormData();
    form.set('version', '4');
    form.set('analysis.description.nl', ' Beschrijving ');
    form.set('analysis.description.fr', '');
    form.set('analysis.solutions.de', 'Lösung');
    form.set('analysis.derogation.possible', 'no');
    form.set('analysis.derogation.explanation.en', 'Not by derogation.');
    form.set('analysis.otherAspects.nl', 'Kosten');
    form.set('provisions.0.side', '');
    form.set('provisions.0.citation', '');
    form.set('provisions.0.level', 'national');
    form.set('provisions.0.link', '');
    form.set('provisions.1.side', 'NL');
    form.set('provisions.1.citation', 'Wet X, art. 1');
    form.set('provisions.1.level', 'national');
    form.set('provisions.1.link', '');
    form.set('analysis.references.0.title', 'Rapport');
    form.set('analysis.references.0.url', 'https://example.org/r');
    form.set('analysis.references.1.title', '');
    form.set('analysis.references.1.url', 'https://example.org/zonder-titel');
    const values = readAnalysisForm(form);
    expect(values.provisions).toEqual([{ side: 'NL', citation: 'Wet X, art. 1', level: 'national', link: '' }]);
    expect(values.references).toHaveLength(2);
    expect(toAnalysisPatch(values)).toEqual({
      analysis: {
        description: { nl: 'Beschrijving' },
        solutions: { de: 'Lösung' },
        derogation: { possible: false, explanation: { en: 'Not by derogation.' } },
        otherAspects: { nl: 'Kosten' },
        references: [
          { title: 'Rapport', url: 'https://example.org/r' },
          { title: '', url: 'https://example.org/zonder-titel' },
        ],
      },
      provisions: [{ side: 'NL', citation: 'Wet X, art. 1', level: 'national' }],
    });
  });

  it('leaves whether a derogation could solve it open when neither answer is chosen', () => {
    const form = new FormData();
    form.set('analysis.derogation.possible', 'maybe');
    expect(toAnalysisPatch(readAnalysisForm(form)).analysis.derogation.possible).toBeNull();
  });
});
