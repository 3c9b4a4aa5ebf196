import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type AuditEventContent,
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  hashInput,
  type StoredAuditEvent,
  sealEvent,
  verifyChain,
} from './audit-chain.js';

function chain(n: number): StoredAuditEvent[] {
  const events: StoredAuditEvent[] = [];
  for (let i = 0; i < n; i++) {
    events.push(
      sealEvent(
        {
          at: new Date(Date.UTC(2026, 10, 28, 9, 0, i)).toISOString(),
          actor: i % 2 === 0 ? 'u-secretariat' : 'system',
          action: i % 3 === 0 ? 'obstacle.create' : 'obstacle.transition',
          entityType: 'obstacle',
          entityId: `o-${i}`,
          changes: canonicalJson({ status: { before: 'reported', after: 'intake' }, n: i }),
        },
        events.at(-1),
      ),
    );
  }
  return events;
}

describe('the audit chain', () => {
  it('verifies a whole chain and reports its head', () => {
    const events = chain(50);
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(verifyChain(events)).toEqual({ checked: 50, lastHash: events[49]?.hash });
    expect(verifyChain([])).toEqual({ checked: 0, lastHash: GENESIS_HASH });
  });

  it.each([
    ['at', '2026-11-28T09:00:21.000Z'],
    ['actor', 'u-someone-else'],
    ['action', 'obstacle.delete'],
    ['entityType', 'decision'],
    ['entityId', 'o-999'],
    ['changes', canonicalJson({ status: { before: 'reported', after: 'solved' } })],
  ] as const)('names the event whose %s was changed in the database', (field, value) => {
    const events = chain(30);
    const tampered = events.map((e) => (e.seq === 17 ? { ...e, [field]: value } : e));
    expect(verifyChain(tampered)).toMatchObject({ checked: 17, firstBroken: { seq: 17, problem: 'content_changed' } });
  });

  it('notices a re-sealed event: its successor no longer links to it', () => {
    const events = chain(10);
    const original = events[4] as StoredAuditEvent;
    const content: AuditEventContent = { ...original, actor: 'u-forger' };
    const forged = { ...content, prevHash: original.prevHash, hash: chainHash(content, original.prevHash) };
    const tampered = events.map((e) => (e.seq === 5 ? forged : e));
    expect(verifyChain(tampered).firstBroken).toEqual({ seq: 6, problem: 'link_broken' });
  });

  it('notices a removed, a repeated and a swapped event', () => {
    const events = chain(10);
    expect(verifyChain(events.filter((e) => e.seq !== 4)).firstBroken).toEqual({ seq: 5, problem: 'sequence_gap' });
    const repeated = [...events.slice(0, 6), events[5] as StoredAuditEvent, ...events.slice(6)];
    expect(verifyChain(repeated).firstBroken).toEqual({ seq: 6, problem: 'sequence_gap' });
    const swapped = [...events];
    [swapped[2], swapped[3]] = [swapped[3] as StoredAuditEvent, swapped[2] as StoredAuditEvent];
    expect(verifyChain(swapped).firstBroken).toEqual({ seq: 4, problem: 'sequence_gap' });
    // Renumbered after a removal: the links give it away.
    const renumbered = events.filter((e) => e.seq !== 4).map((e) => (e.seq > 4 ? { ...e, seq: e.seq - 1 } : e));
    expect(verifyChain(renumbered).firstBroken).toEqual({ seq: 4, problem: 'link_broken' });
  });

  it('hashes the same content to the same value, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    const event: AuditEventContent = {
      seq: 1,
      at: '2026-11-28T09:00:00.000Z',
      actor: 'system',
      action: 'obstacle.create',
      entityType: 'obstacle',
      entityId: 'o-1',
      changes: canonicalJson({ title: { after: { nl: 'Grensarbeiders' } } }),
    };
    expect(chainHash(event, GENESIS_HASH)).toBe(chainHash({ ...event }, GENESIS_HASH));
    expect(chainHash(event, GENESIS_HASH)).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash({ ...event, entityId: 'o-2' }, GENESIS_HASH)).not.toBe(chainHash(event, GENESIS_HASH));
  });

  it('refuses a field that could blur the boundary between two fields', () => {
    expect(() => sealEvent({ ...chain(1)[0], actor: 'a\u001fb' } as StoredAuditEvent, undefined)).toThrow(/separator/);
  });
});

describe('the hash formula', () => {
  it('is SHA-256 over the previous hash and every field, joined by U+001F (a known answer: stored chains depend on it)', () => {
    const content: AuditEventContent = {
      seq: 7,
      at: '2026-11-28T09:00:00.000Z',
      actor: 'u-1',
      action: 'obstacle.transition',
      entityType: 'obstacle',
      entityId: 'o-1',
      changes: '{"from":"reported","to":"intake"}',
    };
    const text = ['a'.repeat(64), '7', content.at, 'u-1', 'obstacle.transition', 'obstacle', 'o-1', content.changes].join(
      '\u001f',
    );
    const expected = createHash('sha256').update(text, 'utf8').digest('hex');
    expect(chainHash(content, 'a'.repeat(64))).toBe(expected);
    expect(hashInput('a'.repeat(64), content)).toBe(text);
  });
});
