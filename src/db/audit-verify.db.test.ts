/**
 * The parallel verifier of `schakel audit verify` on both databases: it must give exactly the
 * report the sequential ChainVerifier gives — whole chains, and chains broken behind the
 * application's back (guard triggers disabled, as someone with the database's keys could) in
 * every way: a changed row, a removed row, a re-sealed row, a row added out of turn — with one
 * worker or several, breaks inside a range and on the seam between two.
 */
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test-support/databases.js';
import { ChainVerifier, canonicalJson, chainHash, type StoredAuditEvent, sealEvent } from '../core/audit/audit-chain.js';
import { combineRanges, verifyAuditTrail } from './audit-verify.js';
import type { Database } from './create-database.js';
import { KyselyAuditLog } from './repositories/audit-log.js';

const EVENTS = 40;

function content(n: number) {
  return {
    at: new Date(Date.UTC(2026, 10, 28, 10, 0, n)).toISOString(),
    actor: n % 3 === 0 ? 'system' : 'u-secretariat',
    action: 'obstacle.update',
    entityType: 'obstacle',
    entityId: `o-${n % 7}`,
    changes: canonicalJson({ summary: { before: { nl: `oud ${n}` }, after: { nl: `nieuw ${n} — grensarbeiders` } } }),
  };
}

/** The sequential verifier over the stored rows: the reference the parallel one must equal. */
async function sequential(database: Database) {
  const verifier = new ChainVerifier();
  for await (const page of new KyselyAuditLog(database.db).all(9)) {
    for (const event of page) if (!verifier.add(event)) return verifier.report();
  }
  return verifier.report();
}

async function unguard(database: Database): Promise<void> {
  if (database.dialect === 'sqlite') {
    await sql`DROP TRIGGER IF EXISTS audit_events_no_update`.execute(database.db);
    await sql`DROP TRIGGER IF EXISTS audit_events_no_delete`.execute(database.db);
  } else {
    await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`.execute(database.db);
  }
}

async function rows(database: Database): Promise<StoredAuditEvent[]> {
  const pages: StoredAuditEvent[] = [];
  for await (const page of new KyselyAuditLog(database.db).all()) pages.push(...page);
  return pages;
}

describeEachDialect('audit verify in parallel', (getDb) => {
  beforeEach(async () => {
    const database = getDb();
    await unguard(database);
    await sql`DELETE FROM audit_events`.execute(database.db);
    await database.db
      .updateTable('audit_head')
      .set({ seq: 0, hash: '0'.repeat(64) })
      .where('id', '=', 1)
      .execute();
    for (let n = 0; n < EVENTS; n += 1) {
      await database.db.transaction().execute((tx) => new KyselyAuditLog(tx).append(content(n)));
    }
  });

  async function expectSameAsSequential(expected: Partial<Awaited<ReturnType<typeof sequential>>>) {
    const database = getDb();
    const reference = await sequential(database);
    expect(reference).toMatchObject(expected);
    // One worker with one page; two with small pages (breaks on page and range seams); five.
    for (const [workers, pageSize] of [
      [1, 5000],
      [2, 4],
      [5, 3],
    ] as const) {
      const report = await verifyAuditTrail(database.location, { workers, pageSize });
      expect({ workers, pageSize, ...report }).toMatchObject({ workers, pageSize, ...reference });
      expect(report.firstBroken).toEqual(reference.firstBroken);
    }
  }

  it('finds a whole chain whole, ending at the recorded head', async () => {
    await expectSameAsSequential({ checked: EVENTS });
    const report = await verifyAuditTrail(getDb().location, { workers: 2 });
    expect(report.ok).toBe(true);
    expect(report.recordedHead.seq).toBe(EVENTS);
    expect(report.lastHash).toBe(report.recordedHead.hash);
  });

  it.each([1, 13, 20, 21, 40])('names event %i when its content was changed in the database', async (seq) => {
    await sql`UPDATE audit_events SET actor = 'u-forger' WHERE seq = ${seq}`.execute(getDb().db);
    await expectSameAsSequential({ checked: seq, firstBroken: { seq, problem: 'content_changed' } });
    expect((await verifyAuditTrail(getDb().location)).ok).toBe(false);
  });

  it.each([1, 20, 21, 33])('names the event after a removed event %i', async (seq) => {
    await sql`DELETE FROM audit_events WHERE seq = ${seq}`.execute(getDb().db);
    await expectSameAsSequential({ firstBroken: { seq: seq + 1, problem: 'sequence_gap' } });
  });

  it('names the event after one that was re-sealed (its successor no longer links to it)', async () => {
    const all = await rows(getDb());
    const original = all[20] as StoredAuditEvent;
    const forged = { ...original, actor: 'u-forger' };
    const hash = chainHash(forged, original.prevHash);
    await sql`UPDATE audit_events SET actor = 'u-forger', hash = ${hash} WHERE seq = ${original.seq}`.execute(getDb().db);
    await expectSameAsSequential({ firstBroken: { seq: original.seq + 1, problem: 'link_broken' } });
  });

  it('sees a cut-off tail only against the recorded head', async () => {
    await sql`DELETE FROM audit_events WHERE seq > 35`.execute(getDb().db);
    await expectSameAsSequential({ checked: 35 });
    const report = await verifyAuditTrail(getDb().location, { workers: 2 });
    expect(report.firstBroken).toBeUndefined();
    expect(report.ok).toBe(false);
    expect(report.headMismatch).toMatchObject({ lastSeq: 35 });
  });

  it('names an event added after the head by someone who sealed it correctly, as not the recorded head', async () => {
    const all = await rows(getDb());
    const extra = sealEvent(content(99), all.at(-1));
    await getDb()
      .db.insertInto('audit_events')
      .values({
        seq: extra.seq,
        at: extra.at,
        actor: extra.actor,
        action: extra.action,
        entity_type: extra.entityType,
        entity_id: extra.entityId,
        changes: extra.changes,
        prev_hash: extra.prevHash,
        hash: extra.hash,
      })
      .execute();
    const report = await verifyAuditTrail(getDb().location, { workers: 3 });
    expect(report).toMatchObject({ checked: EVENTS + 1, ok: false, headMismatch: { lastSeq: EVENTS + 1 } });
  });

  it('hashes what the core hashes, whatever the text: accents, other scripts, emoji, quotes, newlines', async () => {
    const database = getDb();
    const texts = ['Grenzgänger — frontaliers «é»', 'Ελλάδα 国境 🚆', 'quote \' " \\ back', 'line\nbreak\ttab', ''];
    for (const [i, text] of texts.entries()) {
      await database.db.transaction().execute((tx) =>
        new KyselyAuditLog(tx).append({
          at: new Date(Date.UTC(2026, 10, 28, 11, 0, i)).toISOString(),
          actor: `u-${text.slice(0, 3)}`,
          action: 'obstacle.update',
          entityType: 'obstacle',
          entityId: `o-${i}-${text.slice(0, 4)}`,
          changes: canonicalJson({ title: { before: { de: text }, after: { fr: `${text}!` } } }),
        }),
      );
    }
    await expectSameAsSequential({ checked: EVENTS + texts.length });
    expect((await verifyAuditTrail(database.location)).ok).toBe(true);
  });

  it('verifies an empty trail as whole', async () => {
    await sql`DELETE FROM audit_events`.execute(getDb().db);
    await getDb()
      .db.updateTable('audit_head')
      .set({ seq: 0, hash: '0'.repeat(64) })
      .where('id', '=', 1)
      .execute();
    expect(await verifyAuditTrail(getDb().location, { workers: 2 })).toMatchObject({ checked: 0, ok: true });
  });
});

it('joins ranges: a seam whose first event does not link to the previous range is link_broken', () => {
  const a = { checked: 2, firstSeq: 1, firstPrevHash: '0'.repeat(64), lastSeq: 2, lastHash: 'h2', broken: null };
  const b = { checked: 2, firstSeq: 3, firstPrevHash: 'not-h2', lastSeq: 4, lastHash: 'h4', broken: null };
  expect(combineRanges([a, b])).toEqual({ checked: 3, firstBroken: { seq: 3, problem: 'link_broken' }, lastHash: 'h2' });
  expect(combineRanges([a, { ...b, firstPrevHash: 'h2' }])).toEqual({ checked: 4, lastHash: 'h4' });
});
