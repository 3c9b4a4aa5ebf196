/**
 * Browser journeys of the escalation ladder (issue 6): an action of a decided obstacle, overdue for
 * weeks, climbs to the administrative and then the political level (the escalation run on two
 * days, as the nightly job runs it); the secretariat finds it on the Escalations page by level and
 * on the obstacle page (the level as text beside each action, and the history); the owner
 * department sees its own escalations; a partner has no such page. axe (WCAG 2.1 A and AA) on the
 * Escalations page (all and political) and the obstacle page, in all four languages.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { runEscalations } from '../src/core/monitoring/run-escalations.js';
import { loadEscalationSettings } from '../src/db/monitoring-settings.js';
import { createPersistence } from '../src/db/unit-of-work.js';
import { nl } from '../src/web/i18n/nl.js';
import { bearer } from '../test-support/access.js';
import { axeViolations, LANGUAGES, runJourneys, signInThroughPage, watchForProblems } from './support/browser.js';
import { analyse, useJourney } from './support/journey.js';
import { DEMO, DEMO_PASSWORD, type RunningApp } from './support/start-app.js';

const REPORT = {
  title: { nl: 'Kinderbijslag over de grens', en: 'Child benefit across the border' },
  summary: { nl: 'De bijslag stopt bij verhuizing.' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  governments: ['nl', 'vl'],
  themes: ['taxation'],
  type: 'legal',
  visibility: 'public',
  reportedOn: '2026-01-05',
  reporter: { type: 'citizen', name: 'Mevrouw Melder', email: 'melder@example.org' },
} as const;

// Skipped only where no Chromium is installed and CI is not set (runJourneys in support/browser.ts);
// under CI a missing Chromium fails the run instead, so the journeys are required there.
describe.skipIf(!runJourneys)('escalations in a browser', () => {
  const journey = useJourney();
  const { newContext, goto } = journey;
  const api = journey.api(() => secretariat);
  let running: RunningApp;
  let secretariat: Record<string, string>;
  let reference = '';
  let actionId = '';

  beforeAll(async () => {
    ({ running } = journey);
    secretariat = await bearer(running.database, 'secretariat');
    // A public obstacle routed to SZW (the demo department), decided by the Flemish-Dutch border
    // consultation with one follow-up action due 1 June 2026.
    const created = await api('POST', '/api/v1/obstacles', REPORT);
    reference = created.reference;
    await analyse(api, created.id, { citation: 'AKW, art. 7', to: ['proposed', 'selected'] });
    await api('POST', `/api/v1/obstacles/${created.id}/routing`, { departments: [{ organisation: 'nl-szw', role: 'lead' }] });
    await api('POST', '/api/v1/decisions', {
      body: 'grensoverleg-vl-nl',
      obstacle: created.id,
      type: 'administrative_change',
      text: { nl: 'De regeling wordt aangepast.' },
      sourceLanguage: 'nl',
      actions: [
        {
          title: { nl: 'Regeling aanpassen', en: 'Amend the regulation' },
          sourceLanguage: 'nl',
          owner: { organisation: 'nl-szw' },
          dueOn: '2026-06-01',
        },
      ],
    });
    actionId = (await api('GET', `/api/v1/obstacles/${reference}/actions`)).items[0].id;
    // The nightly escalation run on two days: 33 and then 56 working days overdue.
    const persistence = createPersistence(running.database, { searchWorkers: 0 });
    try {
      for (const today of ['2026-07-15', '2026-08-17']) {
        await runEscalations({
          today,
          batchSize: 100,
          uow: persistence,
          ids: { newId: () => randomUUID() },
          settings: await loadEscalationSettings(persistence),
        });
      }
    } finally {
      await persistence.close();
    }
    expect((await api('GET', `/api/v1/actions/${actionId}`)).escalation).toEqual({
      level: 'political',
      escalatedOn: '2026-08-17',
    });
  }, 120_000);

  it('shows the secretariat the escalations by level, and the level and history on the obstacle page', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.secretariat, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: '/obstacles' },
      );
      await page.locator(`nav a[href="/escalations"]`).first().click();
      await page.waitForURL('**/escalations');
      const rows = page.locator('#escalations-table tbody tr');
      expect(await rows.count()).toBe(2);
      expect(await page.locator('#escalations-table tr[data-level="political"]').textContent()).toContain(
        nl.monitoring.escalation.level.political,
      );
      expect(await page.locator('#escalations-table tr[data-level="political"]').textContent()).toContain(
        'Grensoverleg Vlaanderen–Nederland',
      );
      await page.locator('a[href="/escalations?level=administrative"]').click();
      await page.waitForURL('**/escalations?level=administrative');
      expect(await page.locator('#escalations-table tbody tr').count()).toBe(1);
      expect(await page.locator('h2#escalations-heading').textContent()).toBe(nl.monitoring.escalation.level.administrative);

      await goto(page, `/obstacles/${reference}`, false);
      expect(await page.locator(`tr[data-action="${actionId}"]`).textContent()).toContain(
        nl.monitoring.escalation.level.political,
      );
      const history = page.locator('#escalations li');
      expect(await history.count()).toBe(2);
      expect(await history.nth(1).textContent()).toContain('Grensoverleg Vlaanderen–Nederland');
      expect(await history.nth(0).textContent()).toContain(nl.monitoring.escalation.level.administrative);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('shows the owner department its escalations in German, and offers a partner no such page', async () => {
    const context = await newContext(false, 'de');
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.department, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: '/escalations?level=political' },
      );
      // German (src/web/i18n/de.ts: monitoring.escalation.pageTitle and level.political).
      expect(await page.locator('h1').textContent()).toBe('Eskalationen');
      expect(await page.locator('#escalations-table tbody tr').count()).toBe(1);
      expect(await page.locator('#escalations-table').textContent()).toContain('Politische Ebene');
    } finally {
      await context.close();
    }
    const partnerContext = await newContext(false);
    try {
      const page = await partnerContext.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.partner, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: `/obstacles/${reference}` },
      );
      expect(await page.locator('nav a[href="/escalations"]').count()).toBe(0);
      // The level is shown beside the action; the history is not the partner's.
      expect(await page.locator(`tr[data-action="${actionId}"]`).textContent()).toContain(
        nl.monitoring.escalation.level.political,
      );
      expect(await page.locator('#escalations').count()).toBe(0);
      const refused = await goto(page, '/escalations', false);
      expect(refused?.status()).toBe(403);
    } finally {
      await partnerContext.close();
    }
  }, 60_000);

  it('has no axe violations on the Escalations page and the obstacle page, in four languages', async () => {
    const context = await newContext(true);
    const { problems } = await watchForProblems(context);
    try {
      const page = await context.newPage();
      await signInThroughPage(page, running.baseUrl, { email: DEMO.secretariat, password: DEMO_PASSWORD }, { javaScript: true });
      const violations: string[] = [];
      for (const language of LANGUAGES) {
        await context.addCookies([{ name: 'lang', value: language, url: running.baseUrl }]);
        for (const path of ['/escalations', '/escalations?level=political', `/obstacles/${reference}`, '/monitoring']) {
          await goto(page, path, true);
          expect(await page.locator('html').getAttribute('lang')).toBe(language);
          violations.push(...(await axeViolations(page)));
        }
      }
      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 150_000);
});
