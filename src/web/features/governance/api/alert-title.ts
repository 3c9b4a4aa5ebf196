import type { Language } from '../../../lib/language';
import type { RoutingAlertsResponse } from './governance-client';

type Alert = RoutingAlertsResponse['items'][number];

/** An obstacle's title in the reader's language, else in any it has, else its reference. */
export function alertTitle(alert: Pick<Alert, 'obstacle'>, language: Language): string {
  const title = alert.obstacle.title;
  return title[language] ?? title.nl ?? title.en ?? title.fr ?? title.de ?? alert.obstacle.reference;
}
