import { describe, expect, it } from 'vitest';
import { argon2idHasher } from './password-hasher.js';

describe('argon2idHasher', () => {
  it('hashes with argon2id and the chosen parameters, and verifies only the right password', async () => {
    const stored = await argon2idHasher.hash('grenzeloos samenwerken');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await argon2idHasher.verify(stored, 'grenzeloos samenwerken')).toBe(true);
    expect(await argon2idHasher.verify(stored, 'grenzeloos samenwerke')).toBe(false);
    expect(await argon2idHasher.verify('not a hash', 'grenzeloos samenwerken')).toBe(false);
    // A new salt each time.
    expect(await argon2idHasher.hash('grenzeloos samenwerken')).not.toBe(stored);
  });
});
