import type { NotificationKind } from '../notifications/notification.js';
import { notify } from '../notifications/notify.js';
import type { IdGenerator, Repositories } from '../obstacles/ports.js';
import type { StateOfPlayItem, StateOfPlayRound } from './state-of-play.js';

/** The web page of a round, which notifications link to. */
export function roundPath(roundId: string): string {
  return `/state-of-play/${encodeURIComponent(roundId)}`;
}

/**
 * Tells the department users of each department of `items` (inside the caller's transaction), one
 * notification per obstacle of its items: the obstacle's reference and title, the answer date and
 * the department, linking to the round. Returns the departments told.
 */
export async function notifyDepartments(
  repositories: Pick<Repositories, 'notifications'>,
  context: { ids: IdGenerator; at: Date },
  request: {
    round: StateOfPlayRound;
    items: readonly StateOfPlayItem[];
    kind: Extract<NotificationKind, 'state_of_play_request' | 'state_of_play_reminder'>;
  },
): Promise<{ departments: string[]; notifications: number }> {
  const { round, items, kind } = request;
  const byDepartment = new Map<string, Map<string, StateOfPlayItem['obstacle']>>();
  for (const item of items) {
    const obstacles = byDepartment.get(item.organisation) ?? new Map<string, StateOfPlayItem['obstacle']>();
    obstacles.set(item.obstacle.id, item.obstacle);
    byDepartment.set(item.organisation, obstacles);
  }
  let notifications = 0;
  for (const [organisation, obstacles] of byDepartment) {
    for (const obstacle of obstacles.values()) {
      const written = await notify(repositories, context, {
        recipients: { organisation, role: 'department' },
        kind,
        params: { reference: obstacle.reference, titles: obstacle.title, dueDate: round.answerDueOn, organisation },
        link: roundPath(round.id),
      });
      notifications += written.length;
    }
  }
  return { departments: [...byDepartment.keys()], notifications };
}
