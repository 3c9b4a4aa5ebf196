import type { UserResponse } from '../../../../contracts/users.contract.js';
import { isOneOf, ROLE_KEYS } from '../../../lib/keys';

export const USER_STATUSES = ['active', 'invited', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface UserFilter {
  q: string;
  role: string;
  status: string;
}

/** Disabled, else invited (no password yet), else active. */
export function userStatus(user: Pick<UserResponse, 'disabledAt' | 'hasPassword'>): UserStatus {
  if (user.disabledAt !== null) return 'disabled';
  return user.hasPassword ? 'active' : 'invited';
}

/** The filter of the users page, from its URL; unknown values are ignored. */
export function readUserFilter(url: URL): UserFilter {
  const role = url.searchParams.get('role') ?? '';
  const status = url.searchParams.get('status') ?? '';
  return {
    q: (url.searchParams.get('q') ?? '').trim().slice(0, 200),
    role: isOneOf(ROLE_KEYS, role) ? role : '',
    status: isOneOf(USER_STATUSES, status) ? status : '',
  };
}

/** The users that match: words in the name or e-mail address (any case), a role, a status. */
export function filterUsers(users: readonly UserResponse[], filter: UserFilter): UserResponse[] {
  const words = filter.q.toLowerCase().split(/\s+/).filter(Boolean);
  return users.filter((user) => {
    if (filter.role && user.role !== filter.role) return false;
    if (filter.status && userStatus(user) !== filter.status) return false;
    const text = `${user.name} ${user.email}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
