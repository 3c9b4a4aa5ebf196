import { describe, expect, it } from 'vitest';
import { ActorNames } from './actor-names.js';

describe('ActorNames', () => {
  const people: Record<string, { id: string; name: string; organisation: string }> = {
    a: { id: 'a', name: 'Anna', organisation: 'nl-szw' },
    b: { id: 'b', name: 'Bram', organisation: 'vl-wse' },
  };

  function setup(ttlMs = 1_000, max = 10) {
    let now = 0;
    const asked: string[][] = [];
    const names = new ActorNames(
      async (ids) => {
        asked.push([...ids]);
        return ids.flatMap((id) => (people[id] ? [{ ...people[id] }] : []));
      },
      () => now,
      ttlMs,
      max,
    );
    return { names, asked, advance: (ms: number) => (now += ms) };
  }

  it('looks up only users it does not keep, and keeps unknown ids as unknown', async () => {
    const { names, asked } = setup();
    const first = await names.lookup(['a', 'b', 'x', 'a']);
    expect(Object.fromEntries(first)).toEqual({
      a: { name: 'Anna', organisation: 'nl-szw' },
      b: { name: 'Bram', organisation: 'vl-wse' },
    });
    expect(asked).toEqual([['a', 'b', 'x']]);
    expect([...(await names.lookup(['b', 'x'])).keys()]).toEqual(['b']);
    expect(asked).toHaveLength(1);
  });

  it('looks a user up again after the time it is kept, so a rename shows', async () => {
    const { names, asked, advance } = setup(1_000);
    await names.lookup(['a']);
    people.a = { id: 'a', name: 'Anna de Vries', organisation: 'nl-szw' };
    advance(999);
    expect((await names.lookup(['a'])).get('a')?.name).toBe('Anna');
    advance(1);
    expect((await names.lookup(['a'])).get('a')?.name).toBe('Anna de Vries');
    expect(asked).toEqual([['a'], ['a']]);
  });

  it('keeps at most `max` users, dropping the oldest first', async () => {
    const { names, asked } = setup(60_000, 2);
    await names.lookup(['a']);
    await names.lookup(['b']);
    await names.lookup(['x']);
    await names.lookup(['b', 'x']);
    expect(asked).toEqual([['a'], ['b'], ['x']]);
    await names.lookup(['a']);
    expect(asked.at(-1)).toEqual(['a']);
  });
});
