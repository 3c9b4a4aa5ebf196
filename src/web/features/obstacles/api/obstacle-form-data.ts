/**
 * The obstacle form's values, as the HTML form sends them, and their translation to API request
 * bodies. Field names are the API's dotted names (`title.nl`, `reporter.type`, `themes`), so the
 * API's `invalidParams` name the fields of the form directly.
 */
import type { ObstacleResponse } from '../../../../contracts/obstacles.contract.js';
import { isLanguage, LANGUAGES, type Language } from '../../../lib/language';

export const TEXT_FIELDS = ['title', 'summary', 'description', 'affectedGroups'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface ObstacleFormValues {
  texts: Record<Language, Record<TextField, string>>;
  sourceLanguage: string;
  visibility: string;
  reporterType: string;
  reporterOrganisation: string;
  reporterName: string;
  reporterEmail: string;
  channel: string;
  reportedOn: string;
  segment: string;
  governments: string[];
  themes: string[];
  type: string;
  estimatedAffected: string;
  regions: string;
  municipalities: string;
  related: string;
  /** The version the edit form was loaded with (edit only). */
  version: string;
}

/** A request body as the form produced it: the API validates it and names what is wrong. */
export type ObstacleDraft = Record<string, unknown>;

function emptyTexts(): Record<Language, Record<TextField, string>> {
  const texts = {} as Record<Language, Record<TextField, string>>;
  for (const language of LANGUAGES) texts[language] = { title: '', summary: '', description: '', affectedGroups: '' };
  return texts;
}

export function emptyObstacleForm(language: Language): ObstacleFormValues {
  return {
    texts: emptyTexts(),
    sourceLanguage: language,
    visibility: 'public',
    reporterType: 'citizen',
    reporterOrganisation: '',
    reporterName: '',
    reporterEmail: '',
    channel: 'web',
    reportedOn: '',
    segment: '',
    governments: [],
    themes: [],
    type: '',
    estimatedAffected: '',
    regions: '',
    municipalities: '',
    related: '',
    version: '',
  };
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

function all(form: FormData, name: string): string[] {
  return form
    .getAll(name)
    .filter((v): v is string => typeof v === 'string')
    .filter((v) => v !== '');
}

export function readObstacleForm(form: FormData): ObstacleFormValues {
  const texts = emptyTexts();
  for (const language of LANGUAGES) {
    for (const field of TEXT_FIELDS) texts[language][field] = text(form, `${field}.${language}`);
  }
  return {
    texts,
    sourceLanguage: text(form, 'sourceLanguage'),
    visibility: text(form, 'visibility'),
    reporterType: text(form, 'reporter.type'),
    reporterOrganisation: text(form, 'reporter.organisation'),
    reporterName: text(form, 'reporter.name'),
    reporterEmail: text(form, 'reporter.email'),
    channel: text(form, 'channel'),
    reportedOn: text(form, 'reportedOn'),
    segment: text(form, 'segment'),
    governments: all(form, 'governments'),
    themes: all(form, 'themes'),
    type: text(form, 'type'),
    estimatedAffected: text(form, 'estimatedAffected'),
    regions: text(form, 'regions'),
    municipalities: text(form, 'municipalities'),
    related: text(form, 'related'),
    version: text(form, 'version'),
  };
}

export function valuesFromObstacle(obstacle: ObstacleResponse): ObstacleFormValues {
  const texts = emptyTexts();
  for (const language of LANGUAGES) {
    texts[language] = {
      title: obstacle.title[language] ?? '',
      summary: obstacle.summary[language] ?? '',
      description: obstacle.description[language] ?? '',
      affectedGroups: obstacle.affectedGroups[language] ?? '',
    };
  }
  return {
    texts,
    sourceLanguage: obstacle.sourceLanguage,
    visibility: obstacle.visibility,
    reporterType: obstacle.reporter.type,
    reporterOrganisation: obstacle.reporter.organisation ?? '',
    reporterName: '',
    reporterEmail: '',
    channel: obstacle.channel,
    reportedOn: obstacle.reportedOn,
    segment: obstacle.segment,
    governments: obstacle.governments,
    themes: obstacle.themes,
    type: obstacle.type,
    estimatedAffected: obstacle.estimatedAffected === null ? '' : String(obstacle.estimatedAffected),
    regions: obstacle.regions.join(', '),
    municipalities: obstacle.municipalities.join(', '),
    related: (obstacle.links ?? [])
      .filter((link) => link.kind === 'related')
      .map((link) => link.reference)
      .join(', '),
    version: String(obstacle.version),
  };
}

function localized(values: ObstacleFormValues, field: TextField): Partial<Record<Language, string>> {
  const result: Partial<Record<Language, string>> = {};
  for (const language of LANGUAGES) {
    const value = values.texts[language][field].trim();
    if (value !== '') result[language] = value;
  }
  return result;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** A whole number as a number; anything else as typed, so that the API names the field. */
function count(value: string): unknown {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function toCreateDraft(values: ObstacleFormValues): ObstacleDraft {
  const description = localized(values, 'description');
  const affectedGroups = localized(values, 'affectedGroups');
  const draft: ObstacleDraft = {
    title: localized(values, 'title'),
    summary: localized(values, 'summary'),
    sourceLanguage: values.sourceLanguage,
    visibility: values.visibility,
    reporter: {
      type: values.reporterType,
      ...(optional(values.reporterOrganisation) ? { organisation: optional(values.reporterOrganisation) } : {}),
      ...(optional(values.reporterName) ? { name: optional(values.reporterName) } : {}),
      ...(optional(values.reporterEmail) ? { email: optional(values.reporterEmail) } : {}),
    },
    segment: values.segment,
    themes: values.themes,
    type: values.type,
  };
  if (Object.keys(description).length > 0) draft.description = description;
  if (Object.keys(affectedGroups).length > 0) draft.affectedGroups = affectedGroups;
  if (optional(values.channel)) draft.channel = optional(values.channel);
  if (optional(values.reportedOn)) draft.reportedOn = optional(values.reportedOn);
  if (values.governments.length > 0) draft.governments = values.governments;
  const estimated = count(values.estimatedAffected);
  if (estimated !== null) draft.estimatedAffected = estimated;
  if (list(values.regions).length > 0) draft.regions = list(values.regions);
  if (list(values.municipalities).length > 0) draft.municipalities = list(values.municipalities);
  if (list(values.related).length > 0) draft.related = list(values.related);
  return draft;
}

/** Every field of the edit form replaces the stored one; the reporter is not edited here. */
export function toUpdateDraft(values: ObstacleFormValues): ObstacleDraft {
  const draft: ObstacleDraft = {
    title: localized(values, 'title'),
    summary: localized(values, 'summary'),
    description: localized(values, 'description'),
    affectedGroups: localized(values, 'affectedGroups'),
    sourceLanguage: values.sourceLanguage,
    visibility: values.visibility,
    segment: values.segment,
    themes: values.themes,
    type: values.type,
    estimatedAffected: count(values.estimatedAffected),
    regions: list(values.regions),
    municipalities: list(values.municipalities),
    related: list(values.related),
  };
  if (optional(values.channel)) draft.channel = optional(values.channel);
  if (optional(values.reportedOn)) draft.reportedOn = optional(values.reportedOn);
  if (values.governments.length > 0) draft.governments = values.governments;
  return draft;
}

/** The form field that an API error names: `themes.1` → `themes`, `title` → `title.<source language>`. */
export function fieldOfError(name: string, fields: ReadonlySet<string>, sourceLanguage: string): string | undefined {
  if (fields.has(name)) return name;
  const withoutIndex = name.replace(/\.\d+(\..*)?$/, '');
  if (fields.has(withoutIndex)) return withoutIndex;
  const [head] = name.split('.');
  if (head && (TEXT_FIELDS as readonly string[]).includes(head)) {
    const language = isLanguage(sourceLanguage) ? sourceLanguage : 'nl';
    return `${head}.${language}`;
  }
  if (head === 'reporter') return 'reporter.type';
  return head && fields.has(head) ? head : undefined;
}
