import { type FieldError, validationError } from '../shared/errors.js';
import { LANGUAGES, type LocalizedText } from '../shared/language.js';
import { type NewObstacle, type ObstacleChanges, TEXT_LIMITS } from './obstacle.js';
import type { Catalogue } from './ports.js';

/** A text per language: in at least one language when required, each within `max` characters. */
export function checkText(
  name: string,
  text: LocalizedText | undefined,
  max: number,
  required: boolean,
  errors: FieldError[],
): void {
  if (text === undefined) {
    if (required) errors.push({ name, code: 'required' });
    return;
  }
  const present = LANGUAGES.filter((language) => (text[language] ?? '').trim() !== '');
  if (required && present.length === 0) errors.push({ name, code: 'no_language' });
  for (const language of present) {
    const length = [...(text[language] ?? '')].length;
    if (length > max) errors.push({ name: `${name}.${language}`, code: 'too_long', params: { max } });
  }
}

function checkKeys(name: string, values: string[] | undefined, known: Set<string>, errors: FieldError[]): void {
  if (!values) return;
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (!known.has(value)) errors.push({ name: `${name}.${index}`, code: 'unknown_key', params: { value } });
    else if (seen.has(value)) errors.push({ name: `${name}.${index}`, code: 'duplicate' });
    seen.add(value);
  });
}

/**
 * The domain rules of an obstacle that no schema can know: texts in at least one language and
 * within their limits, and keys that exist in the reference data. Throws one validation error
 * naming every field that is wrong, so a caller can fix them all at once.
 */
export function checkObstacle(input: NewObstacle | ObstacleChanges, catalogue: Catalogue, mode: 'create' | 'update'): void {
  const errors: FieldError[] = [];
  const creating = mode === 'create';
  checkText('title', input.title, TEXT_LIMITS.title, creating || input.title !== undefined, errors);
  checkText('summary', input.summary, TEXT_LIMITS.summary, creating || input.summary !== undefined, errors);
  checkText('description', input.description, TEXT_LIMITS.description, false, errors);
  checkText('affectedGroups', input.affectedGroups, TEXT_LIMITS.short, false, errors);

  if (input.segment !== undefined && !catalogue.segments.some((s) => s.key === input.segment)) {
    errors.push({ name: 'segment', code: 'unknown_key', params: { value: input.segment } });
  }
  if (input.themes !== undefined && input.themes.length === 0) errors.push({ name: 'themes', code: 'required' });
  checkKeys('themes', input.themes, new Set(catalogue.themes.map((t) => t.key)), errors);
  checkKeys('governments', input.governments, new Set(catalogue.governments.map((g) => g.key)), errors);
  const organisation = input.reporter?.organisation;
  if (organisation !== undefined && !catalogue.organisations.some((o) => o.key === organisation)) {
    errors.push({ name: 'reporter.organisation', code: 'unknown_key', params: { value: organisation } });
  }
  if (errors.length > 0) throw validationError(errors);
}

/** The governments of a border segment, on every side, in the order the segment lists them. */
export function segmentGovernments(catalogue: Catalogue, segmentKey: string): string[] {
  const segment = catalogue.segments.find((s) => s.key === segmentKey);
  return segment ? [...new Set(segment.sides.flatMap((side) => side.governments))] : [];
}
