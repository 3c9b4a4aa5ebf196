import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test-support/databases.js';
import { KyselyIdentityStore } from './identity-store.js';

describeEachDialect('KyselyIdentityStore', (getDb) => {
  describe('findUsersByIds', () => {
    it('finds the users of the ids that exist, in one call, and none for no ids', async () => {
      const store = new KyselyIdentityStore(getDb().db);
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      for (const [i, id] of ids.entries()) {
        await store.insertUser({
          id,
          email: `many.${id.slice(0, 8)}@example.org`,
          name: `Gebruiker ${i}`,
          role: 'partner',
          organisation: 'nl-li',
          passwordHash: null,
          createdAt: new Date('2026-11-28T09:00:00Z'),
        });
      }
      const found = await store.findUsersByIds([ids[2] as string, 'anonymous', ids[0] as string, ids[0] as string]);
      expect(found.map((u) => u.name).sort()).toEqual(['Gebruiker 0', 'Gebruiker 2']);
      expect(found.find((u) => u.id === ids[0])).toEqual(await store.findUserById(ids[0] as string));
      expect(await store.findUsersByIds([])).toEqual([]);
      // More ids than one slice of bound parameters.
      const many = [...Array.from({ length: 1200 }, () => randomUUID()), ids[1] as string];
      expect((await store.findUsersByIds(many)).map((u) => u.id)).toEqual([ids[1]]);
    });
  });
});
