import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../core/identity/ports.js';

/**
 * argon2id with the parameters OWASP recommends (19 MiB memory, 2 passes, 1 lane); see
 * docs/decisions/0010-passwords.md. The parameters are stored in each hash, so raising them
 * later still verifies the old hashes. The library's default algorithm is argon2id (its `Algorithm`
 * is a const enum, which isolated-module builds cannot inline); password-hasher.test.ts checks it.
 */
export const argon2idHasher: PasswordHasher = {
  hash: (password) => hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
  async verify(stored, password) {
    try {
      return await verify(stored, password);
    } catch {
      // A stored value that is not a hash verifies nothing.
      return false;
    }
  },
};
