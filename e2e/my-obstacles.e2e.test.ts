/**
 * Browser journey of routing acknowledgements (issue 6): an obstacle is routed across the
 * Netherlands, Flanders and the Belgian federal level as the competence matrix proposes; the
 * department (the demo user of nl-szw) finds it under "my obstacles" and declines it without
 * JavaScript (a missing reason is said beside the field and in the error summary); the secretariat
 * then sees the alert and routes the next candidate the matrix proposes. axe (WCAG 2.1 A and AA)
 * on the page in all four languages, and with a refusal shown.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../test-support/access.js';
import {
  axeViolations,
  LANGUAGES,
  runJourneys,
  signInThroughPage,
  waitForHydration,
  watchForProblems,
} from './support/browser.js';
import { analyse, useJourney } from './support/journey.js';
import { DEMO, DEMO_PASSWORD, type RunningApp } from './support/start-app.js';

const REPORT = {
  title: { nl: 'Grensarbeider tussen twee stelsels', en: 'Frontier worker between two systems' },
  summary: { nl: 'Sociale zekerheid en belasting sluiten niet aan.' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  themes: ['cross_border_work'],
  type: 'legal',
  visibility: 'internal',
  reportedOn: '2026-10-31',
  reporter: { type: 'citizen', name: 'Mevrouw Melder', email: 'melder@example.org' },
} as const;

// Skipped only where no Chromium is installed and CI is not set (runJourneys in support/browser.ts);
// under CI a missing Chromium fails the run instead, so the journeys are required there.
describe.skipIf(!runJourneys)('my obstacles in a browser', () => {
  const journey = useJourney();
  const { newContext } = journey;
  const api = journey.api(() => secretariat);
  let running: RunningApp;
  let secretariat: Record<string, string>;

  beforeAll(async () => {
    ({ running } = journey);
    secretariat = await bearer(running.database, 'secretariat');
  }, 120_000);

  /** A new obstacle routed as the matrix proposes: nl-szw, nl-fin, vl-wse, be-waso, be-sz, be-fin. */
  async function routedAsProposed(): Promise<string> {
    const { id, reference } = await api('POST', '/api/v1/obstacles', REPORT);
    await analyse(api, id, { citation: 'Wet IB 2001, art. 2.1', to: ['proposed', 'selected'] });
    const proposal = await api('GET', `/api/v1/obstacles/${id}/routing/proposal`);
    expect(proposal.governments).toEqual(['nl', 'vl', 'be']);
    // Only the lead of each government at first; the involved are the next candidates.
    const leads = proposal.departments.filter((d: { role: string }) => d.role === 'lead');
    expect(leads.map((d: { organisation: string }) => d.organisation)).toEqual(['nl-szw', 'vl-wse', 'be-waso']);
    await api('POST', `/api/v1/obstacles/${id}/routing`, {
      departments: leads.map((d: { organisation: string }) => ({ organisation: d.organisation, role: 'lead' })),
    });
    return reference;
  }

  it('lets a department decline without JavaScript; the secretariat is alerted and routes the next candidate', async () => {
    const reference = await routedAsProposed();
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.department, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: '/my/obstacles' },
      );
      expect(page.url()).toBe(`${running.baseUrl}/my/obstacles`);
      expect(await page.locator('nav a[href="/my/obstacles"]').count()).toBe(1);
      const item = page.locator(`section[data-obstacle="${reference}"]`);
      expect(await item.getAttribute('data-asked')).toBe('acknowledge');
      expect(await item.locator('time').count()).toBe(1);

      await item.locator(`#field-${reference}-decision`).selectOption('decline');
      await item.locator('button[type=submit]').click();
      await page.locator(`#field-${reference}-reason-error`).waitFor();
      expect(await page.locator(`.schakel-error-summary a[href="#field-${reference}-reason"]`).count()).toBe(1);

      await page.locator(`#field-${reference}-decision`).selectOption('decline');
      await page.locator(`#field-${reference}-reason`).fill('Dit is een fiscale kwestie, niet van SZW.');
      await page.locator(`#answer-${reference} button[type=submit]`).click();
      await page.waitForURL(`**/my/obstacles?answered=${reference}&decision=decline`);
      expect(await page.locator('[role=status]').textContent()).toContain(reference);
      expect(await page.locator(`section[data-obstacle="${reference}"]`).count()).toBe(0);
    } finally {
      await context.close();
    }

    // The secretariat: the Netherlands has nobody now; the matrix proposes nl-fin next.
    const alerts = await api('GET', '/api/v1/routing/alerts');
    const alert = alerts.items.find((a: { obstacle: { reference: string } }) => a.obstacle.reference === reference);
    expect(alert).toMatchObject({
      government: 'nl',
      declined: [{ organisation: 'nl-szw', reason: 'Dit is een fiscale kwestie, niet van SZW.' }],
      candidate: { organisation: 'nl-fin', role: 'involved' },
    });
    const rerouted = await api('POST', `/api/v1/obstacles/${reference}/routings`, {
      departments: [{ organisation: 'nl-fin', role: 'involved' }],
    });
    expect(
      rerouted.items.map((r: { organisation: string; acknowledgement: string }) => [r.organisation, r.acknowledgement]),
    ).toEqual(
      expect.arrayContaining([
        ['nl-szw', 'declined'],
        ['nl-fin', 'pending'],
      ]),
    );
    const after = await api('GET', '/api/v1/routing/alerts');
    expect(after.items.some((a: { obstacle: { reference: string } }) => a.obstacle.reference === reference)).toBe(false);
  }, 90_000);

  it('accepts with JavaScript: the item then asks for a response by its date', async () => {
    const reference = await routedAsProposed();
    const context = await newContext(true);
    const { problems } = await watchForProblems(context);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.department, password: DEMO_PASSWORD },
        { javaScript: true, returnTo: '/my/obstacles' },
      );
      await page.locator(`#answer-${reference} button[type=submit]`).click();
      await page.waitForURL(`**/my/obstacles?answered=${reference}&decision=accept`);
      // React Router pushes the URL before React renders the new answer (a transition): wait for it.
      await expect.poll(() => page.locator(`section[data-obstacle="${reference}"]`).getAttribute('data-asked')).toBe('respond');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('refuses the page to the secretariat (403) and sends the public to sign in', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await page.goto(`${running.baseUrl}/my/obstacles`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await signInThroughPage(page, running.baseUrl, { email: DEMO.secretariat, password: DEMO_PASSWORD }, { javaScript: false });
      const refused = await page.goto(`${running.baseUrl}/my/obstacles`);
      expect(refused?.status()).toBe(403);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('has no axe violations on my obstacles in any language, nor with a refusal shown', async () => {
    const reference = await routedAsProposed();
    for (const language of LANGUAGES) {
      const context = await newContext(true, language);
      try {
        const page = await context.newPage();
        await signInThroughPage(
          page,
          running.baseUrl,
          { email: DEMO.department, password: DEMO_PASSWORD },
          { javaScript: true, returnTo: '/my/obstacles' },
        );
        await waitForHydration(page, true);
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        expect(await page.locator(`section[data-obstacle="${reference}"]`).count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
        if (language === 'en') {
          await page.locator(`#field-${reference}-decision`).selectOption('decline');
          await page.locator(`#answer-${reference} button[type=submit]`).click();
          await page.locator(`#field-${reference}-reason-error`).waitFor();
          expect(await axeViolations(page)).toEqual([]);
        }
      } finally {
        await context.close();
      }
    }
  }, 180_000);
});
