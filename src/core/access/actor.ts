/**
 * Who asks: the roles and the caller of a request. Its own file so that core/lifecycle (whose moves
 * name roles) and core/access (which asks the lifecycle who may make a move) do not import each other.
 */

export const ROLES = ['admin', 'secretariat', 'partner', 'department', 'decision_maker', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** The caller of a request: the public (not signed in) or a user with one role in one organisation. */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      role: Role;
      organisation: string;
    };

export const ANONYMOUS: Actor = Object.freeze({ kind: 'anonymous' });
