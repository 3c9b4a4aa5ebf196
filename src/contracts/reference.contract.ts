import { z } from 'zod';
import { LanguageSchema } from './common.contract.js';

const label = z.string().meta({ description: 'The label in the requested language.' });

export const ThemeListSchema = z
  .object({
    language: LanguageSchema,
    items: z.array(z.object({ key: z.string(), label, labels: z.record(z.string(), z.string()), inSeed: z.boolean() })),
  })
  .meta({ id: 'ThemeList' });

export const GovernmentListSchema = z
  .object({
    language: LanguageSchema,
    items: z.array(
      z.object({ key: z.string(), name: z.string(), country: z.string(), level: z.string(), kind: z.string(), label }),
    ),
  })
  .meta({ id: 'GovernmentList' });

export const SegmentListSchema = z
  .object({
    language: LanguageSchema,
    items: z.array(
      z.object({
        key: z.string(),
        label,
        labels: z.record(z.string(), z.string()),
        sides: z.array(z.object({ side: z.string(), governments: z.array(z.string()), regions: z.array(z.string()) })),
      }),
    ),
  })
  .meta({ id: 'SegmentList' });

export const OrganisationListSchema = z
  .object({
    language: LanguageSchema,
    items: z.array(
      z.object({ key: z.string(), name: z.string(), government: z.string().nullable(), kind: z.string(), kindLabel: label }),
    ),
  })
  .meta({ id: 'OrganisationList' });

export const HealthSchema = z.object({ status: z.enum(['ok', 'unavailable']) }).meta({ id: 'Health' });
