import { SORT_KEYS } from '../../contracts/obstacles.contract.js';
import type { Cursor } from '../../core/obstacles/ports.js';
import { AppError } from '../../core/shared/errors.js';

const MAX_OFFSET = 10_000;

/**
 * The JSON object inside a cursor (base64url of a small JSON object, opaque to clients); anything
 * else is 400 invalid_cursor. Each kind of cursor then checks its own fields.
 */
export function cursorPayload(value: string): Record<string, unknown> {
  const invalid = () => new AppError('invalid_cursor');
  if (!/^[A-Za-z0-9_-]+$/.test(value)) throw invalid();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof payload !== 'object' || payload === null) throw invalid();
  return payload as Record<string, unknown>;
}

/** A cursor is opaque to clients: base64url of a small JSON object. */
export function encodeCursor(cursor: Cursor): string {
  const payload =
    cursor.sort === 'relevance' ? { s: cursor.sort, o: cursor.offset } : { s: cursor.sort, a: cursor.after, i: cursor.seq };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** Reads a cursor back; anything that is not one we made is an invalid_cursor error (400). */
export function decodeCursor(value: string, sort: string): Cursor {
  const invalid = () => new AppError('invalid_cursor');
  const p = cursorPayload(value);
  if (typeof p.s !== 'string' || !(SORT_KEYS as readonly string[]).includes(p.s) || p.s !== sort) throw invalid();
  if (p.s === 'relevance') {
    if (typeof p.o !== 'number' || !Number.isInteger(p.o) || p.o < 0 || p.o > MAX_OFFSET) throw invalid();
    return { sort: 'relevance', offset: p.o };
  }
  if (typeof p.i !== 'number' || !Number.isInteger(p.i) || p.i < 0 || p.i > 2_147_483_647) throw invalid();
  if (typeof p.a !== 'string' || p.a.length > 40) throw invalid();
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (p.s.endsWith('clarificationDue')) {
    if (!day.test(p.a)) throw invalid();
  } else if (p.s.endsWith('reference') ? !/^\d{4}:\d{1,9}$/.test(p.a) : !iso.test(p.a) || Number.isNaN(Date.parse(p.a)))
    throw invalid();
  return { sort: p.s as Exclude<Cursor['sort'], 'relevance'>, after: p.a, seq: p.i };
}

/** The cursor of a history page: after which event (its seq) the next page starts. */
export function encodeHistoryCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ h: seq }), 'utf8').toString('base64url');
}

/** Reads a history cursor back; anything that is not one we made is an invalid_cursor error (400). */
export function decodeHistoryCursor(value: string): number {
  const seq = cursorPayload(value).h;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) throw new AppError('invalid_cursor');
  return seq;
}

/** The cursor of an inbox page: after which notification (its time and id) the next page starts. */
export function encodeInboxCursor(after: { createdAt: string; id: string }): string {
  return Buffer.from(JSON.stringify({ t: after.createdAt, n: after.id }), 'utf8').toString('base64url');
}

/** Reads an inbox cursor back; anything that is not one we made is an invalid_cursor error (400). */
export function decodeInboxCursor(value: string): { createdAt: string; id: string } {
  const p = cursorPayload(value);
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
  if (typeof p.t !== 'string' || !iso.test(p.t) || typeof p.n !== 'string' || p.n.length === 0 || p.n.length > 64) {
    throw new AppError('invalid_cursor');
  }
  return { createdAt: p.t, id: p.n };
}
