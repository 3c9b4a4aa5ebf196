import { describe, expect, it } from 'vitest';
import { fieldOfError, readObstacleForm, toCreateDraft, toUpdateDraft } from './obstacle-form-data';

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe('the obstacle form', () => {
  const posted = form([
    ['title.nl', '  Pensioen grensarbeiders '],
    ['title.fr', ''],
    ['summary.de', 'Zusammenfassung'],
    ['description.nl', ''],
    ['sourceLanguage', 'nl'],
    ['visibility', 'public'],
    ['reporter.type', 'citizen'],
    ['reporter.email', 'a@example.org'],
    ['segment', 'nl-vl'],
    ['themes', 'cross_border_work'],
    ['themes', 'health'],
    ['type', 'legal'],
    ['estimatedAffected', '1200'],
    ['regions', 'NL42, BE22,'],
    ['related', ''],
  ]);

  it('becomes a create request with only the filled-in texts and lists', () => {
    expect(toCreateDraft(readObstacleForm(posted))).toEqual({
      title: { nl: 'Pensioen grensarbeiders' },
      summary: { de: 'Zusammenfassung' },
      sourceLanguage: 'nl',
      visibility: 'public',
      reporter: { type: 'citizen', email: 'a@example.org' },
      segment: 'nl-vl',
      themes: ['cross_border_work', 'health'],
      type: 'legal',
      estimatedAffected: 1200,
      regions: ['NL42', 'BE22'],
    });
  });

  it('passes a number it cannot read to the API as typed, so the API names the field', () => {
    const values = readObstacleForm(form([['estimatedAffected', 'veel']]));
    expect(toCreateDraft(values).estimatedAffected).toBe('veel');
  });

  it('becomes an update that replaces every field and leaves the reporter alone', () => {
    const draft = toUpdateDraft(readObstacleForm(posted));
    expect(draft.description).toEqual({});
    expect(draft.related).toEqual([]);
    expect(draft).not.toHaveProperty('reporter');
  });

  it('finds the field of each API error', () => {
    const fields = new Set(['title.nl', 'title.fr', 'themes', 'segment', 'reporter.type', 'governments']);
    expect(fieldOfError('title.fr', fields, 'nl')).toBe('title.fr');
    expect(fieldOfError('themes.1', fields, 'nl')).toBe('themes');
    expect(fieldOfError('title', fields, 'fr')).toBe('title.fr');
    expect(fieldOfError('reporter', fields, 'nl')).toBe('reporter.type');
    expect(fieldOfError('provisions.0.citation', fields, 'nl')).toBeUndefined();
  });
});
