import type { Action } from '../actions/action.js';
import { calendarDate } from '../obstacles/register-obstacle.js';
import {
  type ActionAssessment,
  assessAction,
  DEFAULT_RULES,
  type MonitoringRules,
  WEEKDAYS,
  type WorkingDayCalendar,
} from './rag.js';

/** What the monitoring judges with: the thresholds and each owner's working days. */
export interface MonitoringSettings {
  /** An open action due within this many working days is judged on its progress. */
  atRiskWorkingDays: number;
  /** An open action not updated for this many days is stale. */
  staleAfterDays: number;
  /** The working-day calendar of an organisation (its government's). */
  calendarOf(organisation: string): WorkingDayCalendar;
}

/** The defaults of docs/MONITORING.md, Monday to Friday for every organisation. */
export function defaultMonitoringSettings(overrides: Partial<Omit<MonitoringSettings, 'calendarOf'>> = {}): MonitoringSettings {
  return {
    atRiskWorkingDays: overrides.atRiskWorkingDays ?? DEFAULT_RULES.atRiskWorkingDays,
    staleAfterDays: overrides.staleAfterDays ?? DEFAULT_RULES.staleAfterDays,
    calendarOf: () => WEEKDAYS,
  };
}

export function rulesOn(settings: MonitoringSettings, today: string): MonitoringRules {
  return { today, atRiskWorkingDays: settings.atRiskWorkingDays, staleAfterDays: settings.staleAfterDays };
}

/** An action's RAG, overdue and stale flags today. */
export function assessStoredAction(
  action: Pick<Action, 'status' | 'progress' | 'dueOn' | 'createdAt' | 'updatedAt' | 'owner'>,
  settings: MonitoringSettings,
  today: string,
): ActionAssessment {
  return assessAction(
    {
      status: action.status,
      progress: action.progress,
      dueOn: action.dueOn,
      startedOn: calendarDate(action.createdAt),
      updatedOn: calendarDate(action.updatedAt),
    },
    rulesOn(settings, today),
    settings.calendarOf(action.owner.organisation),
  );
}
