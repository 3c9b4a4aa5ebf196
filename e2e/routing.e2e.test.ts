/**
 * Browser journey of routing on the obstacle page, the routing alerts and "my work" (issue 6): an
 * obstacle is routed as the competence matrix proposes (the leads of the Netherlands, Flanders and
 * the Belgian federal level); the department (the demo user of nl-szw) sees its part, its due date
 * and the calendar that made it on the obstacle page, and declines there without JavaScript (a
 * missing reason is said beside the field and in the error summary); the secretariat finds the
 * Netherlands without a department on its dashboard and the routing alerts page, with the reason
 * and the next candidate of the matrix (nl-fin), and adds it through the routing page; the alert
 * is then gone. axe (WCAG 2.1 A and AA) on every new page and state in all four languages.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../test-support/access.js';
import {
  axeViolations,
  LANGUAGES,
  type Language,
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

const REASON = 'Dit is een fiscale kwestie, niet van SZW.';

// Skipped only where no Chromium is installed and CI is not set (runJourneys in support/browser.ts);
// under CI a missing Chromium fails the run instead, so the journeys are required there.
describe.skipIf(!runJourneys)('routing in a browser', () => {
  const journey = useJourney();
  const { newContext } = journey;
  const api = journey.api(() => secretariat);
  const asSzw = journey.api(() => szw);
  let running: RunningApp;
  let secretariat: Record<string, string>;
  let szw: Record<string, string>;

  beforeAll(async () => {
    ({ running } = journey);
    secretariat = await bearer(running.database, 'secretariat');
    szw = await bearer(running.database, 'department', 'nl-szw');
  }, 120_000);

  /** A new obstacle routed to the leads the matrix proposes: nl-szw, vl-wse and be-waso. */
  async function routedAsProposed(): Promise<string> {
    const { id, reference } = await api('POST', '/api/v1/obstacles', REPORT);
    await analyse(api, id, { citation: 'Wet IB 2001, art. 2.1', to: ['proposed', 'selected'] });
    const proposal = await api('GET', `/api/v1/obstacles/${id}/routing/proposal`);
    const leads = proposal.departments.filter((d: { role: string }) => d.role === 'lead');
    expect(leads.map((d: { organisation: string }) => d.organisation)).toEqual(['nl-szw', 'vl-wse', 'be-waso']);
    await api('POST', `/api/v1/obstacles/${id}/routing`, {
      departments: leads.map((d: { organisation: string }) => ({ organisation: d.organisation, role: 'lead' })),
    });
    return reference;
  }

  /** A routed obstacle that nl-szw declined: the Netherlands has nobody left (a routing alert). */
  async function declinedBySzw(): Promise<string> {
    const reference = await routedAsProposed();
    await asSzw('POST', `/api/v1/obstacles/${reference}/routings/nl-szw/acknowledgement`, {
      decision: 'decline',
      reason: REASON,
    });
    return reference;
  }

  async function signedIn(
    language: Language | undefined,
    javaScript: boolean,
    email: string,
    returnTo: string,
  ): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await newContext(javaScript, language);
    const page = await context.newPage();
    await signInThroughPage(page, running.baseUrl, { email, password: DEMO_PASSWORD }, { javaScript, returnTo });
    return { page, close: () => context.close() };
  }

  it('lets a department decline on the obstacle page without JavaScript; the secretariat is alerted and adds the next candidate', async () => {
    const reference = await routedAsProposed();
    const department = await signedIn(undefined, false, DEMO.department, `/obstacles/${reference}`);
    try {
      const { page } = department;
      // Per government: its departments, each with its part, its answer and the date it is due by, with its calendar.
      const row = page.locator('#obstacle-routing [data-government="nl"] tr[data-organisation="nl-szw"]');
      expect(await row.getAttribute('data-acknowledgement')).toBe('pending');
      expect(await row.textContent()).toContain('(kalender ');
      expect(await page.locator('#obstacle-routing [data-government="vl"] tr[data-organisation="vl-wse"]').count()).toBe(1);
      expect(await page.locator('#obstacle-routing [data-government="be"] tr[data-organisation="be-waso"]').count()).toBe(1);
      // The reasons of the matrix are the secretariat's (the proposal is refused to departments).
      expect(await page.locator('[data-proposed]').count()).toBe(0);

      // Declining without a reason: the acknowledgement page says so beside the field and in the summary.
      const form = page.locator('#acknowledge-nl-szw');
      await form.locator('#field-ack-nl-szw-decision').selectOption('decline');
      await form.locator('button[type=submit]').click();
      await page.locator('#field-ack-nl-szw-reason-error').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/obstacles/${reference}/routings/nl-szw`);
      expect(await page.locator('.schakel-error-summary a[href="#field-ack-nl-szw-reason"]').count()).toBe(1);
      const unchanged = await api('GET', `/api/v1/obstacles/${reference}/routing`);
      expect(unchanged.items.find((r: { organisation: string }) => r.organisation === 'nl-szw').acknowledgement).toBe('pending');

      await page.locator('#field-ack-nl-szw-decision').selectOption('decline');
      await page.locator('#field-ack-nl-szw-reason').fill(REASON);
      await page.locator('#acknowledge-nl-szw button[type=submit]').click();
      // Declined, the (internal) obstacle is no longer the department's to read: it lands on its obstacles.
      await page.waitForURL(`**/my/obstacles?answered=${reference}&decision=decline`);
      expect(await page.locator('[role=status]').textContent()).toContain(reference);
      expect(await page.locator(`section[data-obstacle="${reference}"]`).count()).toBe(0);
    } finally {
      await department.close();
    }

    const desk = await signedIn(undefined, true, DEMO.secretariat, '/dashboard');
    try {
      const { page } = desk;
      // My work on the dashboard: the alert for the Netherlands, and the way to all alerts (also in the navigation).
      const alert = page.locator(`#dashboard-alerts tr[data-reference="${reference}"][data-government="nl"]`);
      expect(await alert.count()).toBe(1);
      expect(await page.locator('nav a[href="/routing/alerts"]').count()).toBe(1);
      await page.locator('#dashboard-all-alerts').click();
      await page.waitForURL('**/routing/alerts');
      const row = page.locator(`#routing-alerts tr[data-reference="${reference}"][data-government="nl"]`);
      expect(await row.locator('[data-declined="nl-szw"]').textContent()).toContain(REASON);
      expect(await row.locator('[data-candidate]').getAttribute('data-candidate')).toBe('nl-fin');

      // The obstacle page says why each department was proposed, and who is next for the Netherlands.
      await page.goto(`${running.baseUrl}/obstacles/${reference}`);
      await waitForHydration(page, true);
      expect(await page.locator('#obstacle-routing [data-proposed="vl-wse"]').count()).toBe(1);
      expect(await page.locator('#obstacle-routing [data-next="nl-fin"]').count()).toBe(1);
      const declined = page.locator('#obstacle-routing tr[data-organisation="nl-szw"]');
      expect(await declined.getAttribute('data-acknowledgement')).toBe('declined');
      expect(await declined.textContent()).toContain(REASON);

      // Adding the next candidate: preselected in its matrix role, with why.
      await page.locator('#add-departments').click();
      await page.waitForURL(`**/obstacles/${reference}/routing`);
      await waitForHydration(page, true);
      expect(await page.locator('[data-next="nl-fin"]').count()).toBe(1);
      expect(await page.locator('#role-nl-fin-involved').isChecked()).toBe(true);
      // The departments it is routed to now are not offered again.
      expect(await page.locator('[data-department="vl-wse"]').count()).toBe(0);
      await page.locator('#routing-form button[type=submit]').click();
      await page.waitForURL(`**/obstacles/${reference}?governance=added`);
      const added = page.locator('#obstacle-routing tr[data-organisation="nl-fin"]');
      await added.waitFor();
      expect(await added.getAttribute('data-acknowledgement')).toBe('pending');

      await page.goto(`${running.baseUrl}/routing/alerts`);
      expect(await page.locator(`#routing-alerts tr[data-reference="${reference}"]`).count()).toBe(0);
    } finally {
      await desk.close();
    }
  }, 120_000);

  it('shows a department its work on the dashboard: routings to answer by their date, and its open actions', async () => {
    const reference = await routedAsProposed();
    const { id } = await api('POST', `/api/v1/obstacles/${reference}/actions`, {
      title: { nl: 'Regeling aanpassen' },
      sourceLanguage: 'nl',
      owner: { organisation: 'nl-szw' },
      dueOn: '2027-06-30',
    });
    const department = await signedIn(undefined, false, DEMO.department, '/dashboard');
    try {
      const { page } = department;
      const row = page.locator(`#dashboard-acknowledgements tr[data-reference="${reference}"]`);
      expect(await row.locator('time').count()).toBe(1);
      expect(await page.locator(`#dashboard-actions tr[data-action="${id}"]`).count()).toBe(1);
      expect(await page.locator('#dashboard-alerts').count()).toBe(0);
      await row.locator('a').click();
      await page.waitForURL(`**/obstacles/${reference}#acknowledge`);
      expect(await page.locator('#acknowledge-nl-szw').count()).toBe(1);
      // Accepting there: back on the obstacle, its part accepted and its response due by a date.
      await page.locator('#acknowledge-nl-szw button[type=submit]').click();
      await page.waitForURL(`**/obstacles/${reference}?governance=accepted`);
      expect(await page.locator('#governance [role=status]').count()).toBe(1);
      const accepted = page.locator('#obstacle-routing tr[data-organisation="nl-szw"]');
      expect(await accepted.getAttribute('data-acknowledgement')).toBe('accepted');
      expect(await accepted.textContent()).toContain('(kalender ');
      expect(await page.locator('#acknowledge-nl-szw').count()).toBe(0);
    } finally {
      await department.close();
    }
  }, 60_000);

  it('refuses the routing alerts to a department (403) and sends the public to sign in', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await page.goto(`${running.baseUrl}/routing/alerts`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await signInThroughPage(page, running.baseUrl, { email: DEMO.department, password: DEMO_PASSWORD }, { javaScript: false });
      const refused = await page.goto(`${running.baseUrl}/routing/alerts`);
      expect(refused?.status()).toBe(403);
      expect(await page.locator('nav a[href="/routing/alerts"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('has no axe violations on the new pages and states in any language', async () => {
    const pending = await routedAsProposed();
    const alerted = await declinedBySzw();
    await api('POST', `/api/v1/obstacles/${pending}/actions`, {
      title: { nl: 'Regeling aanpassen' },
      sourceLanguage: 'nl',
      owner: { organisation: 'nl-szw' },
      dueOn: '2026-11-02',
    });
    for (const language of LANGUAGES) {
      const department = await signedIn(language, true, DEMO.department, `/obstacles/${pending}`);
      const { problems } = await watchForProblems(department.page.context());
      try {
        const { page } = department;
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        expect(await page.locator('#acknowledge-nl-szw').count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
        // The refusal (a decline without a reason), on the acknowledgement page.
        await page.locator('#field-ack-nl-szw-decision').selectOption('decline');
        await page.locator('#acknowledge-nl-szw button[type=submit]').click();
        await page.locator('#field-ack-nl-szw-reason-error').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        // The dashboard with the department's work.
        await page.goto(`${running.baseUrl}/dashboard`);
        await waitForHydration(page, true);
        await page.locator(`#dashboard-acknowledgements tr[data-reference="${pending}"]`).waitFor();
        await page.locator('#dashboard-actions tr[data-overdue="true"]').first().waitFor({ state: 'attached' });
        expect(await axeViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await department.close();
      }

      const desk = await signedIn(language, true, DEMO.secretariat, '/routing/alerts');
      try {
        const { page } = desk;
        await page.locator(`#routing-alerts tr[data-reference="${alerted}"]`).waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.goto(`${running.baseUrl}/dashboard`);
        await waitForHydration(page, true);
        await page.locator(`#dashboard-alerts tr[data-reference="${alerted}"]`).waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.goto(`${running.baseUrl}/obstacles/${alerted}`);
        await waitForHydration(page, true);
        await page.locator('#obstacle-routing [data-next="nl-fin"]').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.goto(`${running.baseUrl}/obstacles/${alerted}/routing`);
        await waitForHydration(page, true);
        expect(await page.locator('#role-nl-fin-involved').isChecked()).toBe(true);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await desk.close();
      }
    }
  }, 300_000);
});
