import { defaultMonitoringSettings, type MonitoringSettings } from '../core/monitoring/settings.js';
import type { Persistence } from './unit-of-work.js';

/**
 * The settings the monitoring judges with, as configured: the defaults of docs/MONITORING.md
 * (10 working days at risk, stale after 30 days, Monday to Friday).
 */
export async function loadMonitoringSettings(_persistence: Persistence): Promise<MonitoringSettings> {
  return defaultMonitoringSettings();
}
