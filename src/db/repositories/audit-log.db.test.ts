/**
 * The audit trail on both databases: appended in the change's transaction, linear under
 * concurrent writers, refused an update or delete by the database, and a row changed behind its
 * back (triggers dropped, as someone with the database's keys could) is named by the verifier.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test-support/databases.js';
import { ChainVerifier, canonicalJson, type StoredAuditEvent } from '../../core/audit/audit-chain.js';
import type { AuditRecord } from '../../core/audit/ports.js';
import { KyselyAuditLog } from './audit-log.js';

function record(entityId: string, n: number): AuditRecord {
  return {
    at: new Date(Date.UTC(2026, 10, 28, 10, 0, n)).toISOString(),
    actor: 'u-secretariat',
    action: 'obstacle.transition',
    entityType: 'obstacle',
    entityId,
    changes: canonicalJson({ status: { before: 'reported', after: 'intake' }, n }),
  };
}

describeEachDialect('the audit log', (getDb, dialect) => {
  async function verify() {
    const verifier = new ChainVerifier();
    for await (const page of new KyselyAuditLog(getDb().db).all(7)) {
      for (const event of page) if (!verifier.add(event)) return verifier.report();
    }
    return verifier.report();
  }

  async function append(entityId: string, n: number): Promise<StoredAuditEvent> {
    return getDb()
      .db.transaction()
      .execute((tx) => new KyselyAuditLog(tx).append(record(entityId, n)));
  }

  it('appends in order inside a transaction and gives an entity its history', async () => {
    for (let n = 0; n < 5; n += 1) await append(n % 2 === 0 ? 'o-even' : 'o-odd', n);
    const log = new KyselyAuditLog(getDb().db);
    const all = await log.history('obstacle', 'o-even', { after: 0, limit: 100 });
    expect(all.events.map((e) => e.seq)).toEqual([1, 3, 5]);
    expect(all.more).toBe(false);
    // The columns a history shows, not the hashes.
    expect(Object.keys(all.events[0] ?? {}).sort()).toEqual(['action', 'actor', 'at', 'changes', 'seq']);
    // In pages: after a seq, at most `limit`, and whether more follow.
    expect(await log.history('obstacle', 'o-even', { after: 0, limit: 2 })).toMatchObject({
      events: [{ seq: 1 }, { seq: 3 }],
      more: true,
    });
    expect(await log.history('obstacle', 'o-even', { after: 3, limit: 2 })).toMatchObject({ events: [{ seq: 5 }], more: false });
    expect(await log.history('obstacle', 'o-even', { after: 1, limit: 1 })).toMatchObject({ events: [{ seq: 3 }], more: true });
    expect(await log.history('obstacle', 'o-even', { after: 5, limit: 2 })).toEqual({ events: [], more: false });
    expect(await log.head()).toMatchObject({ seq: 5 });
    expect(await verify()).toMatchObject({ checked: 5, lastHash: (await log.head()).hash });
    expect((await verify()).firstBroken).toBeUndefined();
  });

  it('appends only inside a transaction, and not at all when it rolls back', async () => {
    await expect(new KyselyAuditLog(getDb().db).append(record('o-x', 1))).rejects.toThrow(/inside the transaction/);
    const before = await new KyselyAuditLog(getDb().db).head();
    await expect(
      getDb()
        .db.transaction()
        .execute(async (tx) => {
          await new KyselyAuditLog(tx).append(record('o-rolled-back', 1));
          throw new Error('the change failed');
        }),
    ).rejects.toThrow('the change failed');
    expect(await new KyselyAuditLog(getDb().db).head()).toEqual(before);
    expect(await new KyselyAuditLog(getDb().db).history('obstacle', 'o-rolled-back', { after: 0, limit: 10 })).toEqual({
      events: [],
      more: false,
    });
  });

  it('stays one linear chain when 20 transactions append at once', async () => {
    const before = (await new KyselyAuditLog(getDb().db).head()).seq;
    const events = await Promise.all(Array.from({ length: 20 }, (_, n) => append(`o-parallel-${n}`, n)));
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => before + n + 1));
    const report = await verify();
    expect(report.firstBroken).toBeUndefined();
    expect(report.checked).toBe(before + 20);
  });

  it('refuses to update or delete an event', async () => {
    const { db } = getDb();
    await expect(sql`UPDATE audit_events SET actor = 'u-forger' WHERE seq = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events WHERE seq = 1`.execute(db)).rejects.toThrow(/append-only/);
    expect((await verify()).firstBroken).toBeUndefined();
  });

  it('names the first event changed directly in the database', async () => {
    const { db } = getDb();
    // Whoever holds the database's keys can drop the guard; the chain still tells.
    if (dialect === 'sqlite') await sql`DROP TRIGGER audit_events_no_update`.execute(db);
    else await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`.execute(db);
    await sql`UPDATE audit_events SET changes = ${canonicalJson({ status: { before: 'reported', after: 'solved' } })} WHERE seq = 4`.execute(
      db,
    );
    expect(await verify()).toMatchObject({ checked: 4, firstBroken: { seq: 4, problem: 'content_changed' } });
  });
});
