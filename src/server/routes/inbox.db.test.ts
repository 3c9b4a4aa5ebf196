/**
 * The inbox and the notification preferences through the HTTP API on both databases: 401, 400
 * naming the field, 403 (a session without its CSRF token), 404 (unknown, or another user's),
 * success; paging newest first, the unread filter and count, read marks with their audit event,
 * and preferences with If-Match (428, 412) that write nothing when refused.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test-support/databases.js';
import { type Person, person } from '../../../test-support/people.js';
import { notify } from '../../core/notifications/notify.js';
import { createPersistence, type Persistence } from '../../db/unit-of-work.js';
import { buildApp } from '../build-app.js';
import { SESSION_COOKIE } from '../plugins/authentication.js';

const PASSWORD = 'een lange zin als wachtwoord';

describeEachDialect('inbox API', (getDb) => {
  let app: FastifyInstance;
  let persistence: Persistence;
  let anna: Person;
  let bert: Person;
  const ids = { newId: () => randomUUID() };

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), searchWorkers: 0 });
    persistence = createPersistence(getDb(), { searchWorkers: 0 });
    anna = await person(getDb(), { role: 'department', organisation: 'nl-szw', password: PASSWORD });
    bert = await person(getDb(), { role: 'department', organisation: 'nl-bzk' });
  });
  afterAll(async () => {
    await app.close();
    await persistence.close();
  });

  /** Notifies one user, `count` times, a millisecond apart (so the order is known). */
  async function notifyUser(userId: string, count: number, start = Date.parse('2026-11-29T08:00:00.000Z')) {
    const made: string[] = [];
    for (let i = 0; i < count; i++) {
      const [row] = await persistence.transaction((repositories) =>
        notify(
          repositories,
          { ids, at: new Date(start + i) },
          {
            recipients: { users: [userId] },
            kind: 'routing_request',
            params: {
              reference: `GB-2026-${String(i + 1).padStart(4, '0')}`,
              title: 'Grenspendel',
              dueDate: '2026-12-31',
              organisation: 'nl-szw',
            },
            link: `/obstacles/GB-2026-${String(i + 1).padStart(4, '0')}`,
          },
        ),
      );
      if (row) made.push(row.id);
    }
    return made;
  }

  async function auditCount(): Promise<number> {
    const row = await getDb()
      .db.selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('refuses the public (401) on every endpoint', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/inbox'],
      ['POST', '/api/v1/inbox/x/read'],
      ['POST', '/api/v1/inbox/read-all'],
      ['GET', '/api/v1/session/preferences'],
      ['PATCH', '/api/v1/session/preferences'],
    ] as const) {
      const response = await app.inject({ method, url, payload: method === 'PATCH' ? { digestOnly: true } : undefined });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('unauthenticated');
    }
  });

  it('lists only the caller’s own notifications, newest first, in pages, in the caller’s language, with the unread count', async () => {
    const made = await notifyUser(anna.id, 5);
    await notifyUser(bert.id, 2);
    const first = await app.inject({ url: '/api/v1/inbox?limit=2', headers: { ...anna.headers, 'accept-language': 'fr' } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const page1 = first.json();
    expect(page1.unread).toBe(5);
    expect(page1.items.map((n: { id: string }) => n.id)).toEqual([made[4], made[3]]);
    expect(page1.items[0].subject).toBe("Schakel : l'obstacle GB-2026-0005 a été transmis à votre département");
    expect(page1.items[0].link).toBe('/obstacles/GB-2026-0005');
    expect(page1.items[0].readAt).toBeNull();
    const second = await app.inject({ url: `/api/v1/inbox?limit=2&cursor=${page1.nextCursor}`, headers: anna.headers });
    expect(second.json().items.map((n: { id: string }) => n.id)).toEqual([made[2], made[1]]);
    expect(second.json().items[0].subject).toBe('Schakel: obstakel GB-2026-0003 is naar uw departement gerouteerd');
    const third = await app.inject({ url: `/api/v1/inbox?limit=2&cursor=${second.json().nextCursor}`, headers: anna.headers });
    expect(third.json().items.map((n: { id: string }) => n.id)).toEqual([made[0]]);
    expect(third.json().nextCursor).toBeNull();
    const bertsInbox = await app.inject({ url: '/api/v1/inbox', headers: bert.headers });
    expect(bertsInbox.json().items).toHaveLength(2);
    expect(bertsInbox.json().items.every((n: { id: string }) => !made.includes(n.id))).toBe(true);
  });

  it('refuses invalid queries and ids with 400 naming the field', async () => {
    for (const [url, field] of [
      ['/api/v1/inbox?unread=yes', 'unread'],
      ['/api/v1/inbox?limit=0', 'limit'],
      ['/api/v1/inbox?limit=101', 'limit'],
      ['/api/v1/inbox?colour=red', 'colour'],
    ] as const) {
      const response = await app.inject({ url, headers: anna.headers });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().invalidParams.map((p: { name: string }) => p.name)).toContain(field);
    }
    const cursor = await app.inject({ url: '/api/v1/inbox?cursor=bm9wZQ', headers: anna.headers });
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().code).toBe('invalid_cursor');
    const longId = await app.inject({ method: 'POST', url: `/api/v1/inbox/${'x'.repeat(65)}/read`, headers: anna.headers });
    expect(longId.statusCode).toBe(400);
    expect(longId.json().invalidParams[0].name).toBe('id');
  });

  it('marks one read (404 for an unknown id and for another user’s, which stays unread), audited, and filters unread', async () => {
    const [mine] = await notifyUser(anna.id, 1, Date.parse('2026-11-29T09:00:00.000Z'));
    const [bertsOwn] = await notifyUser(bert.id, 1, Date.parse('2026-11-29T09:00:00.000Z'));
    const before = await auditCount();
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/inbox/nope/read', headers: anna.headers });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('notification_not_found');
    const others = await app.inject({
      method: 'POST',
      url: `/api/v1/inbox/${bertsOwn}/read`,
      headers: { ...anna.headers, 'accept-language': 'de' },
    });
    expect(others.statusCode).toBe(404);
    expect(others.json().detail).toContain('Benachrichtigung');
    expect(await auditCount()).toBe(before);
    const unreadBefore = (await app.inject({ url: '/api/v1/inbox', headers: anna.headers })).json().unread;
    const read = await app.inject({ method: 'POST', url: `/api/v1/inbox/${mine}/read`, headers: anna.headers });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().notification.readAt).not.toBeNull();
    expect(read.json().unread).toBe(unreadBefore - 1);
    expect(await auditCount()).toBe(before + 1);
    const again = await app.inject({ method: 'POST', url: `/api/v1/inbox/${mine}/read`, headers: anna.headers });
    expect(again.statusCode).toBe(200);
    expect(again.json().notification.readAt).toBe(read.json().notification.readAt);
    expect(await auditCount()).toBe(before + 1);
    const unread = await app.inject({ url: '/api/v1/inbox?unread=true&limit=100', headers: anna.headers });
    expect(unread.json().items.some((n: { id: string }) => n.id === mine)).toBe(false);
    expect(unread.json().items).toHaveLength(unreadBefore - 1);
    const bertsRow = await getDb()
      .db.selectFrom('notifications')
      .select('read_at')
      .where('id', '=', bertsOwn ?? '')
      .executeTakeFirstOrThrow();
    expect(bertsRow.read_at).toBeNull();
  });

  it('marks all read, only the caller’s', async () => {
    const bertsUnread = (await app.inject({ url: '/api/v1/inbox', headers: bert.headers })).json().unread;
    expect(bertsUnread).toBeGreaterThan(0);
    const all = await app.inject({ method: 'POST', url: '/api/v1/inbox/read-all', headers: anna.headers });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().marked).toBeGreaterThan(0);
    expect((await app.inject({ url: '/api/v1/inbox', headers: anna.headers })).json().unread).toBe(0);
    expect((await app.inject({ url: '/api/v1/inbox', headers: bert.headers })).json().unread).toBe(bertsUnread);
    const nothing = await app.inject({ method: 'POST', url: '/api/v1/inbox/read-all', headers: anna.headers });
    expect(nothing.json().marked).toBe(0);
  });

  it('refuses a signed-in session without its CSRF token (403) and writes nothing', async () => {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: anna.email, password: PASSWORD },
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const cookie = `${SESSION_COOKIE}=${/schakel_session=([^;]+)/.exec(String(signIn.headers['set-cookie']))?.[1]}`;
    const csrf = signIn.json().csrfToken as string;
    const [fresh] = await notifyUser(anna.id, 1, Date.parse('2026-11-29T10:00:00.000Z'));
    for (const [method, url, payload] of [
      ['POST', `/api/v1/inbox/${fresh}/read`, undefined],
      ['POST', '/api/v1/inbox/read-all', undefined],
      ['PATCH', '/api/v1/session/preferences', { digestOnly: true }],
    ] as const) {
      const response = await app.inject({ method, url, payload, headers: { cookie, 'if-match': '*' } });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().code).toBe('csrf_failed');
    }
    expect((await app.inject({ url: '/api/v1/inbox', headers: { cookie } })).json().unread).toBe(1);
    const withToken = await app.inject({
      method: 'POST',
      url: `/api/v1/inbox/${fresh}/read`,
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(withToken.statusCode, withToken.body).toBe(200);
  });

  it('reads and changes the preferences with If-Match: 428 without, 412 when stale, 400 naming the field, audited', async () => {
    const current = await app.inject({ url: '/api/v1/session/preferences', headers: bert.headers });
    expect(current.statusCode).toBe(200);
    expect(current.json()).toMatchObject({ language: 'nl', digestOnly: false, mailEnabled: false });
    const version = current.json().version as number;
    expect(current.headers.etag).toBe(`"${version}"`);
    const before = await auditCount();

    const missing = await app.inject({
      method: 'PATCH',
      url: '/api/v1/session/preferences',
      payload: { language: 'fr' },
      headers: bert.headers,
    });
    expect(missing.statusCode).toBe(428);
    const invalid = await app.inject({
      method: 'PATCH',
      url: '/api/v1/session/preferences',
      payload: { language: 'es', digestOnly: 'yes' },
      headers: { ...bert.headers, 'if-match': `"${version}"` },
    });
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid
        .json()
        .invalidParams.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['digestOnly', 'language']);
    const unknownField = await app.inject({
      method: 'PATCH',
      url: '/api/v1/session/preferences',
      payload: { role: 'admin' },
      headers: { ...bert.headers, 'if-match': `"${version}"` },
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().invalidParams[0].name).toBe('role');
    const stale = await app.inject({
      method: 'PATCH',
      url: '/api/v1/session/preferences',
      payload: { language: 'fr' },
      headers: { ...bert.headers, 'if-match': `"${version - 1}"` },
    });
    expect(stale.statusCode).toBe(412);
    expect(await auditCount()).toBe(before);

    const changed = await app.inject({
      method: 'PATCH',
      url: '/api/v1/session/preferences',
      payload: { language: 'fr', digestOnly: true },
      headers: { ...bert.headers, 'if-match': `"${version}"` },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ language: 'fr', digestOnly: true, version: version + 1 });
    expect(changed.headers.etag).toBe(`"${version + 1}"`);
    expect(await auditCount()).toBe(before + 1);
    const event = await getDb()
      .db.selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'user.preferences')
      .where('entity_id', '=', bert.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.changes).fields).toEqual({
      digestOnly: { before: false, after: true },
      language: { before: 'nl', after: 'fr' },
    });
    const reread = await app.inject({ url: '/api/v1/session/preferences', headers: bert.headers });
    expect(reread.json()).toMatchObject({ language: 'fr', digestOnly: true, version: version + 1 });
  });
});
