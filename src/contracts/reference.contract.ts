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

/** The kinds of organisation of core/organisations (repeated: contracts import no other layer; contracts.test.ts keeps them equal). */
export const ORGANISATION_KIND_KEYS = [
  'secretariat',
  'department',
  'region',
  'euregio',
  'information_point',
  'knowledge_institute',
  'municipality',
] as const;

export const OrganisationSchema = z
  .object({ key: z.string(), name: z.string(), government: z.string().nullable(), kind: z.string(), kindLabel: label })
  .meta({ id: 'Organisation' });

export const CreateOrganisationRequest = z
  .strictObject({
    key: z.string().min(2).max(50).meta({ description: 'Lower-case letters, digits and hyphens; never changes.' }),
    name: z.string().min(1).max(200),
    government: z.string().max(50).nullable().optional().meta({ description: 'A government key, or null.' }),
    kind: z.enum(ORGANISATION_KIND_KEYS),
  })
  .meta({ id: 'CreateOrganisationRequest' });

export const UpdateOrganisationRequest = z
  .strictObject({
    name: z.string().min(1).max(200).optional(),
    government: z.string().max(50).nullable().optional(),
    kind: z.enum(ORGANISATION_KIND_KEYS).optional(),
  })
  .meta({ id: 'UpdateOrganisationRequest' });

export const OrganisationKeyParams = z.object({ key: z.string().min(1).max(50) });
