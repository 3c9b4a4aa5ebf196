/**
 * Norms and calendars through the HTTP API on both databases: the norms for signed-in users, the
 * secretariat's change (401 → 400 → 403 → 404 → 428 → 412 → success, audited, a second change that
 * changes nothing writes nothing), and the public calendars, holidays and due dates with the
 * holidays they skipped, in the caller's language.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../../test-support/access.js';
import { describeEachDialect } from '../../../test-support/databases.js';
import { verifyAuditTrail } from '../../db/audit-verify.js';
import { buildApp } from '../build-app.js';

const REPORT = {
  title: { nl: 'Termijnproef' },
  summary: { nl: 'Wanneer moet om verduidelijking gevraagd zijn?' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['taxation'],
  type: 'legal',
  visibility: 'internal',
  reporter: { type: 'citizen', name: 'Mevrouw Melder', email: 'melder@example.org' },
} as const;

describeEachDialect('norms and calendars API', (getDb) => {
  let app: FastifyInstance;
  let secretariat: Record<string, string>;
  let partner: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), searchWorkers: 0 });
    secretariat = await bearer(getDb(), 'secretariat');
    partner = await bearer(getDb(), 'partner');
  });
  afterAll(async () => {
    await app.close();
  });

  async function norm(phase: string) {
    const list = await app.inject({ method: 'GET', url: '/api/v1/norms', headers: secretariat });
    return (list.json().items as { phase: string; amount: number; unit: string; version: number }[]).find(
      (n) => n.phase === phase,
    );
  }

  describe('GET /norms', () => {
    it('asks the public to sign in', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/v1/norms' });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    });

    it('gives every signed-in user the five norms, with the defaults and labels in their language', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/norms',
        headers: { ...partner, 'accept-language': 'de' },
      });
      expect(response.statusCode).toBe(200);
      const items = response.json().items as { phase: string; amount: number; unit: string; label: string }[];
      expect(items.map((n) => n.phase)).toEqual([
        'routing_acknowledgement',
        'department_response',
        'intake_clarification',
        'escalation_after',
        'stale_after',
      ]);
      expect(items.find((n) => n.phase === 'intake_clarification')).toMatchObject({ amount: 2, unit: 'calendar_months' });
      expect(items[0]?.label).toBe('Bestätigung der Zuweisung durch ein Ministerium');
    });
  });

  describe('PUT /norms/{phase}', () => {
    const url = '/api/v1/norms/department_response';

    it('asks the public to sign in and writes nothing', async () => {
      const before = await norm('department_response');
      const response = await app.inject({
        method: 'PUT',
        url,
        payload: { amount: 20, unit: 'working_days' },
        headers: { 'if-match': '"1"' },
      });
      expect(response.statusCode).toBe(401);
      expect(await norm('department_response')).toEqual(before);
    });

    it('refuses bad input naming the field, in the caller’s language, and writes nothing', async () => {
      const before = await norm('department_response');
      for (const [payload, field] of [
        [{ amount: 0, unit: 'working_days' }, 'amount'],
        [{ amount: 367, unit: 'working_days' }, 'amount'],
        [{ amount: 1.5, unit: 'working_days' }, 'amount'],
        [{ amount: 10, unit: 'weeks' }, 'unit'],
        [{ amount: 10 }, 'unit'],
        [{ amount: 10, unit: 'working_days', extra: true }, 'extra'],
      ] as const) {
        const response = await app.inject({
          method: 'PUT',
          url,
          payload,
          headers: { ...secretariat, 'if-match': '"1"', 'accept-language': 'fr' },
        });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        const problem = response.json();
        expect(problem.code).toBe('validation_failed');
        expect(problem.invalidParams.map((p: { name: string }) => p.name)).toContain(field);
        expect(response.headers['content-language']).toBe('fr');
      }
      expect(await norm('department_response')).toEqual(before);
    });

    it('refuses everyone but the secretariat', async () => {
      const response = await app.inject({
        method: 'PUT',
        url,
        payload: { amount: 20, unit: 'working_days' },
        headers: { ...partner, 'if-match': '"1"' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('forbidden');
    });

    it('answers 404 for a phase there is no norm for', async () => {
      const response = await app.inject({
        method: 'PUT',
        url: '/api/v1/norms/lunch_break',
        payload: { amount: 1, unit: 'calendar_days' },
        headers: { ...secretariat, 'if-match': '"1"', 'accept-language': 'en' },
      });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'norm_not_found', detail: 'There is no norm for the phase "lunch_break".' });
    });

    it('wants If-Match (428), refuses a stale one (412), then changes the norm once and audits it', async () => {
      const missing = await app.inject({
        method: 'PUT',
        url,
        payload: { amount: 20, unit: 'working_days' },
        headers: secretariat,
      });
      expect(missing.statusCode).toBe(428);
      const stale = await app.inject({
        method: 'PUT',
        url,
        payload: { amount: 20, unit: 'working_days' },
        headers: { ...secretariat, 'if-match': '"7"' },
      });
      expect(stale.statusCode).toBe(412);
      expect((await norm('department_response'))?.amount).toBe(30);

      const changed = await app.inject({
        method: 'PUT',
        url,
        payload: { amount: 20, unit: 'working_days' },
        headers: { ...secretariat, 'if-match': '"1"' },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.headers.etag).toBe('"2"');
      expect(changed.json()).toMatchObject({ phase: 'department_response', amount: 20, unit: 'working_days', version: 2 });
      expect(changed.json().updatedBy).toEqual(expect.any(String));

      const same = await app.inject({
        method: 'PUT',
        url,
        payload: { amount: 20, unit: 'working_days' },
        headers: { ...secretariat, 'if-match': '"2"' },
      });
      expect(same.json().version).toBe(2);

      const events = await getDb()
        .db.selectFrom('audit_events')
        .select(['action', 'changes'])
        .where('entity_type', '=', 'norm')
        .where('entity_id', '=', 'department_response')
        .execute();
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0]?.changes ?? '{}')).toEqual({ fields: { amount: { before: 30, after: 20 } } });
      expect((await verifyAuditTrail(getDb().location, { workers: 1 })).ok).toBe(true);

      // A due date in the new norm, counted through the public endpoint.
      const due = await app.inject({
        method: 'GET',
        url: '/api/v1/calendars/nl/due-date?from=2027-04-26&phase=department_response',
      });
      expect(due.json()).toMatchObject({ amount: 20, unit: 'working_days', calendar: 'nl' });
    });
  });

  describe('calendars', () => {
    it('lists the calendars for everyone, in the caller’s language', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/v1/calendars', headers: { 'accept-language': 'fr' } });
      expect(response.statusCode).toBe(200);
      const items = response.json().items as { key: string; label: string; governments: string[] }[];
      expect(items.map((c) => c.key)).toEqual(['nl', 'be', 'vl', 'de', 'de-nw', 'de-ni', 'weekends']);
      expect(items.find((c) => c.key === 'vl')).toEqual({ key: 'vl', label: 'Flandre', governments: ['vl'] });
    });

    it('gives a year’s public holidays: 11 July in Flanders, Corpus Christi in NRW', async () => {
      const vl = await app.inject({ method: 'GET', url: '/api/v1/calendars/vl/holidays?year=2028' });
      expect(vl.statusCode).toBe(200);
      expect(vl.json().items.map((h: { date: string }) => h.date)).toContain('2028-07-11');
      const be = await app.inject({ method: 'GET', url: '/api/v1/calendars/be/holidays?year=2028' });
      expect(be.json().items.map((h: { date: string }) => h.date)).not.toContain('2028-07-11');
      const nrw = await app.inject({
        method: 'GET',
        url: '/api/v1/calendars/de-nw/holidays?year=2027',
        headers: { 'accept-language': 'nl' },
      });
      expect(nrw.json().items).toContainEqual(expect.objectContaining({ date: '2027-05-27' }));
    });

    it('refuses an unknown calendar (404) and a bad year (400 naming it)', async () => {
      const unknown = await app.inject({ method: 'GET', url: '/api/v1/calendars/mars/holidays' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('calendar_not_found');
      for (const year of ['1999', '2101', 'soon']) {
        const bad = await app.inject({ method: 'GET', url: `/api/v1/calendars/nl/holidays?year=${year}` });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().invalidParams[0].name).toBe('year');
      }
    });

    it('counts a due date over Corpus Christi in NRW and explains it', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/calendars/de-nw/due-date?from=2027-05-25&workingDays=3',
        headers: { 'accept-language': 'de' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        from: '2027-05-25',
        date: '2027-05-31',
        calendar: 'de-nw',
        phase: null,
        skippedHolidays: [{ date: '2027-05-27', name: 'Fronleichnam' }],
      });
      const ni = await app.inject({ method: 'GET', url: '/api/v1/calendars/de-ni/due-date?from=2027-05-25&workingDays=3' });
      expect(ni.json().date).toBe('2027-05-28');
    });

    it('counts a phase in calendar months in the plain calendar', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/calendars/be/due-date?from=2026-12-31&phase=intake_clarification',
      });
      expect(response.json()).toMatchObject({ date: '2027-02-28', calendar: 'gregorian', phase: 'intake_clarification' });
    });

    it('wants exactly one of phase and workingDays, and a real date', async () => {
      for (const query of [
        'from=2027-05-25',
        'from=2027-05-25&workingDays=2&phase=stale_after',
        'from=2027-02-30&workingDays=1',
      ]) {
        const response = await app.inject({ method: 'GET', url: `/api/v1/calendars/nl/due-date?${query}` });
        expect(response.statusCode, query).toBe(400);
        expect(response.json().invalidParams.length).toBeGreaterThan(0);
      }
    });
  });

  describe('the intake clock follows the norm', () => {
    it('gives a new report the clarification date of the norm of the day, and a changed report date a new one', async () => {
      const before = await app.inject({
        method: 'POST',
        url: '/api/v1/obstacles',
        payload: { ...REPORT, reportedOn: '2027-01-10' },
        headers: secretariat,
      });
      expect(before.json().clarificationDue).toBe('2027-03-10'); // the default: two calendar months

      const changed = await app.inject({
        method: 'PUT',
        url: '/api/v1/norms/intake_clarification',
        payload: { amount: 45, unit: 'calendar_days' },
        headers: { ...secretariat, 'if-match': '"1"' },
      });
      expect(changed.statusCode, changed.body).toBe(200);

      const after = await app.inject({
        method: 'POST',
        url: '/api/v1/obstacles',
        payload: { ...REPORT, reportedOn: '2027-01-10' },
        headers: secretariat,
      });
      expect(after.json().clarificationDue).toBe('2027-02-24'); // 21 days left in January, 24 in February
      // The report made under the old norm keeps its date.
      const kept = await app.inject({ method: 'GET', url: `/api/v1/obstacles/${before.json().id}`, headers: secretariat });
      expect(kept.json().clarificationDue).toBe('2027-03-10');
      const list = await app.inject({
        method: 'GET',
        url: '/api/v1/obstacles?clarificationDueBefore=2027-03-01&sort=clarificationDue',
        headers: secretariat,
      });
      expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([after.json().id]);

      const moved = await app.inject({
        method: 'PATCH',
        url: `/api/v1/obstacles/${before.json().id}`,
        payload: { reportedOn: '2027-01-20' },
        headers: { ...secretariat, 'if-match': '"1"' },
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json().clarificationDue).toBe('2027-03-06');
    });
  });
});
