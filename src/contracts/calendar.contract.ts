import { z } from 'zod';
import { LanguageSchema } from './common.contract.js';

/** The phases with a norm duration (core/calendar NORM_PHASES; contracts.test.ts keeps them equal). */
export const NORM_PHASE_KEYS = [
  'routing_acknowledgement',
  'department_response',
  'intake_clarification',
  'escalation_after',
  'stale_after',
] as const;

/** The units of a norm (core/calendar NORM_UNITS). */
export const NORM_UNIT_KEYS = ['working_days', 'calendar_days', 'calendar_months'] as const;

/** The working-day calendars (core/calendar CALENDAR_KEYS). */
export const CALENDAR_KEY_LIST = ['nl', 'be', 'vl', 'de', 'de-nw', 'de-ni', 'weekends'] as const;

const isoDate = z.iso.date().meta({ description: 'A calendar day, YYYY-MM-DD.' });

export const NormSchema = z
  .object({
    phase: z.enum(NORM_PHASE_KEYS),
    label: z.string().meta({ description: 'What the phase is, in the requested language.' }),
    amount: z.number().int(),
    unit: z.enum(NORM_UNIT_KEYS),
    version: z.number().int(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable().meta({ description: 'The user who last changed it (an id); null for the default.' }),
  })
  .meta({ id: 'Norm' });

export type NormResponse = z.infer<typeof NormSchema>;

export const NormListSchema = z.object({ items: z.array(NormSchema) }).meta({ id: 'NormList' });

export const NormPhaseParams = z.object({ phase: z.string().min(1).max(64) });

export const UpdateNormRequest = z
  .strictObject({
    amount: z.number().int().min(1).max(366).meta({ description: 'How many units: 1–366.' }),
    unit: z
      .enum(NORM_UNIT_KEYS)
      .meta({ description: 'Working days (of the government concerned), calendar days or calendar months.' }),
  })
  .meta({ id: 'UpdateNormRequest' });
export type UpdateNormRequest = z.infer<typeof UpdateNormRequest>;

export const HolidaySchema = z
  .object({ date: isoDate, name: z.string(), names: z.record(z.string(), z.string()) })
  .meta({ id: 'Holiday' });

export const CalendarSchema = z
  .object({
    key: z.enum(CALENDAR_KEY_LIST),
    label: z.string(),
    governments: z.array(z.string()).meta({ description: 'The governments whose due dates this calendar counts.' }),
  })
  .meta({ id: 'Calendar' });

export const CalendarListSchema = z
  .object({ language: LanguageSchema, items: z.array(CalendarSchema) })
  .meta({ id: 'CalendarList' });

export type CalendarListResponse = z.infer<typeof CalendarListSchema>;

export const CalendarKeyParams = z.object({ key: z.string().min(1).max(32) });

export const HolidaysQuery = z.strictObject({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .optional()
    .meta({ description: 'The year (2000–2100); this year by default.' }),
});

export const HolidayListSchema = z
  .object({ calendar: CalendarSchema, year: z.number().int(), items: z.array(HolidaySchema) })
  .meta({ id: 'HolidayList' });

export type HolidayListResponse = z.infer<typeof HolidayListSchema>;

export const DueDateQuery = z.strictObject({
  from: isoDate.meta({ description: 'The day counting starts from (not counted itself).' }),
  phase: z.enum(NORM_PHASE_KEYS).optional().meta({ description: 'Count the current norm of this phase…' }),
  workingDays: z.coerce.number().int().min(0).max(366).optional().meta({ description: '…or this many working days.' }),
});

export const DueDateSchema = z
  .object({
    from: isoDate,
    date: isoDate,
    calendar: z.enum([...CALENDAR_KEY_LIST, 'gregorian']).meta({
      description: 'The calendar that made the date: a working-day calendar, or `gregorian` for calendar days and months.',
    }),
    phase: z.enum(NORM_PHASE_KEYS).nullable(),
    amount: z.number().int(),
    unit: z.enum(NORM_UNIT_KEYS),
    skippedHolidays: z.array(HolidaySchema).meta({ description: 'The public holidays the count passed over.' }),
  })
  .meta({ id: 'DueDate' });
