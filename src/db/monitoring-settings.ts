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
