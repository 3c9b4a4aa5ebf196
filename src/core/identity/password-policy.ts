import type { FieldError } from '../shared/errors.js';

/** NIST SP 800-63B §3.1.1.2: at least 12 characters (our choice above the minimum of 8), any characters, no composition rules. */
export const PASSWORD_MIN = 12;
/** Long enough for any passphrase, short enough that hashing it costs nothing unusual. */
export const PASSWORD_MAX = 256;

/**
 * Checks a new password after NIST SP 800-63B: long enough, not too long, and not one of the
 * commonly used passwords (compared lower-cased). No rules about kinds of characters. Length
 * counts characters (code points), so a passphrase in any script counts as written.
 */
export function checkPassword(password: string, commonPasswords: ReadonlySet<string>, field = 'password'): FieldError[] {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return [{ name: field, code: 'too_short', params: { min: PASSWORD_MIN } }];
  if (length > PASSWORD_MAX) return [{ name: field, code: 'too_long', params: { max: PASSWORD_MAX } }];
  if (commonPasswords.has(password.toLowerCase())) return [{ name: field, code: 'common_password' }];
  return [];
}
