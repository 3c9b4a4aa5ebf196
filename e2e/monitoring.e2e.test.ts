/**
 * Browser journeys of the monitoring (issue 6): the secretariat sees an obstacle's actions with
 * their RAG status as text, adds an action without JavaScript (a progress out of range and an
 * evidence address that is not http(s) said beside their fields first), the owner department
 * reports progress on its action (only the report's fields offered), and both find the late action
 * in the overdue list at /monitoring, filtered by organisation. A partner sees no forms. axe (WCAG
 * 2.1 A and AA) on the obstacle page with actions, both forms and both lists, in all four languages.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../src/web/i18n/nl.js';
import { bearer } from '../test-support/access.js';
import { axeViolations, LANGUAGES, runJourneys, signInThroughPage, watchForProblems } from './support/browser.js';
import { analyse, useJourney } from './support/journey.js';
import { DEMO, DEMO_PASSWORD, type RunningApp } from './support/start-app.js';

const REPORT = {
  title: { nl: 'Pensioenopbouw van grensarbeiders', en: 'Pension rights of frontier workers' },
  summary: { nl: 'De opbouw stopt aan de grens.' },
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
describe.skipIf(!runJourneys)('monitoring in a browser', () => {
  const journey = useJourney();
  const { newContext, goto } = journey;
  const api = journey.api(() => secretariat);
  let running: RunningApp;
  let secretariat: Record<string, string>;
  let reference = '';
  let lateAction = '';

  beforeAll(async () => {
    ({ running } = journey);
    secretariat = await bearer(running.database, 'secretariat');
    // A public obstacle routed to SZW (the demo department) as lead, with one action already late.
    const created = await api('POST', '/api/v1/obstacles', REPORT);
    reference = created.reference;
    await analyse(api, created.id, { citation: 'Wet IB 2001, art. 2.1', to: ['proposed', 'selected'] });
    await api('POST', `/api/v1/obstacles/${created.id}/routing`, { departments: [{ organisation: 'nl-szw', role: 'lead' }] });
    lateAction = (
      await api('POST', `/api/v1/obstacles/${created.id}/actions`, {
        title: { nl: 'Verdrag aanpassen', en: 'Amend the treaty' },
        sourceLanguage: 'nl',
        owner: { organisation: 'nl-szw' },
        dueOn: '2026-02-01',
        progress: 20,
      })
    ).id;
  }, 120_000);

  it('shows the actions with their status as text, and lets the secretariat add one without JavaScript', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.secretariat, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: `/obstacles/${reference}` },
      );
      const row = page.locator(`tr[data-action="${lateAction}"]`);
      expect(await row.textContent()).toContain(nl.monitoring.rag.red);
      expect(await row.textContent()).toContain('20 %');
      expect(await page.locator('#obstacle-progress').textContent()).toContain(nl.monitoring.rag.red);

      await page.locator(`a[href="/obstacles/${reference}/actions/new"]`).click();
      await page.waitForURL(`**/obstacles/${reference}/actions/new`);
      await page.locator('#field-title').fill('Circulaire publiceren');
      await page.locator('#field-owner-organisation').selectOption('nl-szw');
      await page.locator('#field-dueOn').fill('2027-06-30');
      await page.locator('#field-progress').fill('150');
      await page.locator('#field-evidence-0-url').fill('ftp://example.org/circulaire');
      await page.locator('#field-evidence-0-label').fill('Ontwerp');
      await page.locator('#action-form button[type=submit]').click();
      await page.locator('#field-progress-error').waitFor();
      await page.locator('#field-evidence-0-url-error').waitFor();
      expect(await page.locator('.utrecht-form-field-error-message, #field-progress-error').first().isVisible()).toBe(true);

      await page.locator('#field-progress').fill('10');
      await page.locator('#field-evidence-0-url').fill('https://example.org/circulaire');
      await page.locator('#action-form button[type=submit]').click();
      await page.waitForURL(`**/obstacles/${reference}?actions=added#actions`);
      expect(await page.locator('.utrecht-alert', { hasText: nl.monitoring.addedNotice }).count()).toBe(1);
      const list = await api('GET', `/api/v1/obstacles/${reference}/actions`);
      expect(list.items.map((i: { title: { nl?: string } }) => i.title.nl)).toEqual([
        'Verdrag aanpassen',
        'Circulaire publiceren',
      ]);
      expect(list.items[1]).toMatchObject({
        progress: 10,
        evidence: [{ url: 'https://example.org/circulaire', label: 'Ontwerp' }],
      });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('lets the owner department report progress, with only the report’s fields, and finds the late action in the overdue list', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.department, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: `/actions/${lateAction}/edit` },
      );
      expect(await page.locator('#field-title').count()).toBe(0);
      expect(await page.locator('#field-dueOn').count()).toBe(0);
      await page.locator('#field-status').selectOption('in_progress');
      await page.locator('#field-progress').fill('60');
      await page.locator('#field-notes').fill('Tekst ligt bij de Raad van State.');
      await page.locator('#action-form button[type=submit]').click();
      await page.waitForURL(`**/obstacles/${reference}?actions=saved#actions`);
      expect(await api('GET', `/api/v1/actions/${lateAction}`)).toMatchObject({
        status: 'in_progress',
        progress: 60,
        notes: 'Tekst ligt bij de Raad van State.',
        rag: 'red',
      });

      await goto(page, '/monitoring', false);
      expect(await page.locator(`#monitoring-table tr[data-action="${lateAction}"]`).count()).toBe(1);
      await page.locator('#monitoring-filter #field-organisation').selectOption('nl-bzk');
      await page.locator('#monitoring-filter button[type=submit]').click();
      await page.waitForURL(/organisation=nl-bzk/);
      await page.locator('#monitoring-empty').waitFor();
      await goto(page, '/monitoring?list=stale', false);
      expect(await page.locator('h2#list-heading').textContent()).toBe(nl.monitoring.staleTitle);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('offers a partner no forms, and sends the public to sign in for the lists', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await goto(page, '/monitoring', false);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.partner, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: `/obstacles/${reference}` },
      );
      expect(await page.locator(`tr[data-action="${lateAction}"]`).count()).toBe(1);
      expect(await page.locator(`a[href="/obstacles/${reference}/actions/new"]`).count()).toBe(0);
      expect(await page.locator(`a[href="/actions/${lateAction}/edit"]`).count()).toBe(0);
      const refused = await goto(page, `/actions/${lateAction}/edit`, false);
      expect(refused?.status()).toBe(403);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('has no axe violations on the obstacle’s actions, both forms and both lists, in four languages', async () => {
    const context = await newContext(true);
    const { problems } = await watchForProblems(context);
    try {
      const page = await context.newPage();
      await signInThroughPage(page, running.baseUrl, { email: DEMO.secretariat, password: DEMO_PASSWORD }, { javaScript: true });
      const violations: string[] = [];
      for (const language of LANGUAGES) {
        await context.addCookies([{ name: 'lang', value: language, url: running.baseUrl }]);
        for (const path of [
          `/obstacles/${reference}`,
          `/obstacles/${reference}/actions/new`,
          `/actions/${lateAction}/edit`,
          '/monitoring',
          '/monitoring?list=stale',
        ]) {
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
