import type { Role } from '../access/access.js';
import type { Language } from '../shared/language.js';

/** A person with an account: one role, in one organisation of the reference data. */
export interface User {
  id: string;
  /** As the person wrote it; compared lower-cased (`emailKey`). Personal data: never logged. */
  email: string;
  name: string;
  role: Role;
  organisation: string;
  /** False for accounts that sign in only through OpenID Connect or have not set a password yet. */
  hasPassword: boolean;
  disabledAt: Date | null;
  /** The language of the user's mails (default nl); the user sets it in the preferences. */
  language: Language;
  /** Only the daily digest, no mail per notification (default false). */
  digestOnly: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const EMAIL_MAX = 254;
export const NAME_MAX = 200;

/** The form of an address that makes it unique: trimmed and lower-cased. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** A plain check of an e-mail address: something@domain.tld, no spaces. */
export function isEmail(value: string): boolean {
  return value.length <= EMAIL_MAX && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** The fields of a user the audit trail records (never a password or its hash: only whether there is one). */
export const USER_AUDITED_FIELDS = ['email', 'name', 'role', 'organisation', 'hasPassword', 'disabledAt'] as const;

export interface UserSnapshot {
  email: string;
  name: string;
  role: string;
  organisation: string;
  hasPassword: boolean;
  disabledAt: string | null;
}

/** A user as the audit trail records it (dates as ISO 8601). */
export function userSnapshot(user: User): UserSnapshot {
  return {
    email: user.email,
    name: user.name,
    role: user.role,
    organisation: user.organisation,
    hasPassword: user.hasPassword,
    disabledAt: user.disabledAt ? user.disabledAt.toISOString() : null,
  };
}
