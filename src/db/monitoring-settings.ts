import { calendarOf } from '../core/calendar/working-days.js';
import { DEFAULT_REMINDER_RULES, type ReminderRules } from '../core/monitoring/escalation.js';
import type { EscalationSettings } from '../core/monitoring/run-escalations.js';
import { type MonitoringSettings, monitoringSettingsFrom } from '../core/monitoring/settings.js';
import type { Persistence } from './unit-of-work.js';

/**
 * The settings the monitoring judges with, as configured now: the norm `stale_after` (set by the
 * secretariat, PUT /norms/stale_after) and the working-day calendar of each organisation's
 * government; the at-risk window is 10 working days (docs/MONITORING.md).
 */
export async function loadMonitoringSettings(persistence: Persistence): Promise<MonitoringSettings> {
  const [norm, catalogue] = await Promise.all([persistence.norms.get('stale_after'), persistence.catalogue.get()]);
  return monitoringSettingsFrom({
    staleAfter: { amount: norm.amount, unit: norm.unit },
    organisations: catalogue.organisations,
  });
}

/**
 * What the escalation run goes by, as configured now: the norm `escalation_after` (PUT
 * /norms/escalation_after), the reminder rules (docs/MONITORING.md, "Reminders": 5 working days
 * before a due date, weekly after it) and the calendar of each organisation's government.
 */
export async function loadEscalationSettings(
  persistence: Persistence,
  reminders: ReminderRules = DEFAULT_REMINDER_RULES,
): Promise<EscalationSettings> {
  const [norm, catalogue] = await Promise.all([persistence.norms.get('escalation_after'), persistence.catalogue.get()]);
  const governments = new Map(catalogue.organisations.map((o) => [o.key, o.government]));
  return {
    escalationAfter: { amount: norm.amount, unit: norm.unit },
    reminders,
    calendarOf: (organisation) => calendarOf(governments.get(organisation)),
  };
}
