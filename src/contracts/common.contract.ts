import { z } from 'zod';

export const LANGUAGE_KEYS = ['nl', 'fr', 'de', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGE_KEYS).meta({ description: 'A language of Schakel: nl, fr, de or en.' });

/**
 * A text people write, per language. At least one language must be filled in when the text is
 * required; each language at most `max` characters.
 */
export function localizedText(max: number, options: { required: boolean }) {
  return z
    .strictObject({
      nl: z.string().max(max).optional(),
      fr: z.string().max(max).optional(),
      de: z.string().max(max).optional(),
      en: z.string().max(max).optional(),
    })
    .superRefine((value, ctx) => {
      if (!options.required) return;
      const present = LANGUAGE_KEYS.some((language) => (value[language] ?? '').trim() !== '');
      if (!present) ctx.addIssue({ code: 'custom', message: 'no_language', params: { fieldCode: 'no_language' } });
    })
    .meta({ description: `Text per language (nl, fr, de, en), each at most ${max} characters.` });
}

/** A text resolved for the reader's language, saying which language it is in. */
export const ResolvedTextSchema = z
  .object({
    value: z.string(),
    language: LanguageSchema,
    fallback: z.boolean().meta({ description: 'True when the requested language was missing and another is shown.' }),
  })
  .nullable();

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.string().meta({ description: 'A stable machine code for this kind of error.' }),
    invalidParams: z
      .array(
        z.object({
          name: z.string().meta({ description: 'The field, as a dotted path: title.nl, themes.1, limit.' }),
          code: z.string(),
          reason: z.string(),
        }),
      )
      .optional(),
    allowed: z.array(z.string()).optional(),
  })
  .meta({ id: 'Problem', description: 'An error, as application/problem+json (RFC 9457).' });

export type Problem = z.infer<typeof ProblemSchema>;

export const problemResponses = {
  400: ProblemSchema,
  404: ProblemSchema,
  500: ProblemSchema,
} as const;
