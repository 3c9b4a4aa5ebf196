import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.js';

const common = new Set(['password1234', '1qaz2wsx3edc']);

describe('checkPassword (NIST SP 800-63B)', () => {
  it('accepts 12 characters of anything, with no composition rules', () => {
    expect(checkPassword('aaaaaaaaaaab', common)).toEqual([]);
    expect(checkPassword('grenzenloos samenwerken', common)).toEqual([]);
    expect(checkPassword('ÄÖÜäöüßéèêç', common)).toHaveLength(1); // 11 characters
    expect(checkPassword('ÄÖÜäöüßéèêçà', common)).toEqual([]);
  });

  it('refuses what is too short, too long or common, naming the field', () => {
    expect(checkPassword('elevenchars', common, 'newPassword')).toEqual([
      { name: 'newPassword', code: 'too_short', params: { min: 12 } },
    ]);
    expect(checkPassword('x'.repeat(257), common)).toEqual([{ name: 'password', code: 'too_long', params: { max: 256 } }]);
    expect(checkPassword('Password1234', common)).toEqual([{ name: 'password', code: 'common_password' }]);
    expect(checkPassword('1QAZ2WSX3EDC', common)).toEqual([{ name: 'password', code: 'common_password' }]);
  });
});
