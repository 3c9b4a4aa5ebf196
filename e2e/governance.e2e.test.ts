/**
 * Browser journeys of governance (issue 5): the secretariat routes a selected obstacle, plans a
 * meeting, takes the agenda proposal, and records the decision from the agenda (a missing reason
 * said beside its field first); the obstacle ends in progress, the decision is in the register (for
 * the public too: the obstacle is public) and the meeting's Word documents download. A partner
 * sees no routing or decision forms, the public is sent to sign in for meetings. Forms work
 * without JavaScript; axe (WCAG 2.1 A and AA) on the new pages in all four languages.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../src/web/i18n/nl.js';
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
  title: { nl: 'Grensarbeiders en de belastingaangifte', en: 'Frontier workers and the tax return' },
  summary: { nl: 'De formulieren van beide kanten sluiten niet aan.' },
  sourceLanguage: 'nl',
  segment: 'nl-vl',
  governments: ['nl', 'vl'],
  themes: ['taxation'],
  type: 'legal',
  visibility: 'public',
  reportedOn: '2026-10-31',
  reporter: { type: 'citizen', name: 'Mevrouw Melder', email: 'melder@example.org' },
} as const;

const WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// Skipped only where no Chromium is installed and CI is not set (runJourneys in support/browser.ts);
// under CI a missing Chromium fails the run instead, so the journeys are required there.
describe.skipIf(!runJourneys)('governance in a browser', () => {
  const journey = useJourney();
  const { newContext, goto } = journey;
  const api = journey.api(() => secretariat);
  let running: RunningApp;
  let secretariat: Record<string, string>;

  beforeAll(async () => {
    ({ running } = journey);
    secretariat = await bearer(running.database, 'secretariat');
  }, 120_000);

  /** A new public obstacle of the Netherlands and Flanders, moved to `selected` through the API. */
  async function selectedObstacle(): Promise<string> {
    const { id, reference } = await api('POST', '/api/v1/obstacles', REPORT);
    await analyse(api, id, { citation: 'Wet IB 2001, art. 2.1', to: ['proposed', 'selected'] });
    return reference;
  }

  async function status(reference: string): Promise<string> {
    return (await api('GET', `/api/v1/obstacles/${reference}`)).status;
  }

  let reference = '';
  let meetingId = '';
  let decisionId = '';

  it('routes, plans, takes the proposal and edits the agenda without JavaScript', async () => {
    reference = await selectedObstacle();
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.secretariat, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: `/obstacles/${reference}` },
      );
      expect(await page.locator('#obstacle-routing').count()).toBe(0);
      await page.locator('#route-obstacle').click();
      await page.waitForURL(`**/obstacles/${reference}/routing`);
      // The competence matrix's proposal is chosen, with why: taxation → the Finance ministries lead.
      expect(await page.locator('#role-nl-fin-lead').isChecked()).toBe(true);
      expect(await page.locator('#role-be-fin-lead').isChecked()).toBe(true);
      expect(await page.locator('[data-proposed="vl-fin"]').count()).toBe(1);
      // No lead: the API's error beside the departments.
      await page.locator('#role-vl-fin-none').check();
      await page.locator('#role-be-fin-none').check();
      await page.locator('#role-nl-fin-involved').check();
      await page.locator('#routing-form button[type=submit]').click();
      await page.locator('#field-departments-error').waitFor();
      await page.locator('#role-nl-szw-lead').check();
      await page.locator('#role-nl-fin-involved').check();
      await page.locator('#routing-form button[type=submit]').click();
      await page.waitForURL(`**/obstacles/${reference}?governance=routed`);
      expect(await page.locator('#obstacle-routing tr[data-organisation]').count()).toBe(2);
      expect(await page.locator('#obstacle-routing tr[data-role=lead]').textContent()).toContain(nl.governance.role.lead);
      expect(await status(reference)).toBe('routed');

      // Plan a meeting: a missing date first, said beside the field.
      await goto(page, '/meetings', false);
      await page.locator('#plan-meeting-form #field-body').selectOption('grensoverleg-vl-nl');
      await page.locator('#plan-meeting-form button[type=submit]').click();
      await page.locator('#field-date-error').waitFor();
      await page.locator('#plan-meeting-form #field-date').fill('2026-12-15');
      await page.locator('#plan-meeting-form #field-place').fill('Antwerpen');
      await page.locator('#plan-meeting-form button[type=submit]').click();
      await page.waitForURL(/\/meetings\/[^/?]+\?saved=planned$/);
      meetingId = new URL(page.url()).pathname.split('/').pop() ?? '';
      expect(await page.locator('h1').textContent()).toContain('15 december 2026');

      // Take the proposal: our routed obstacle is proposed, awaiting a decision.
      const proposed = page.locator(`#proposal-form input[name=take][value="${reference}"]`);
      expect(await page.locator(`label[for="take-${reference}"]`).textContent()).toContain(
        nl.governance.proposalReason.awaiting_decision,
      );
      await proposed.check();
      await page.locator('#proposal-form button[value=take]').click();
      await page.waitForURL(/saved=agenda/);
      expect(await page.locator('#agenda-list li').count()).toBe(1);

      // Add another obstacle by reference (a sample one), then move ours down and back up, with a note.
      const listed = (await api('GET', '/api/v1/obstacles?limit=5')).items as { reference: string }[];
      const other = listed.map((item) => item.reference).find((candidate) => candidate !== reference) ?? '';
      await page.locator('#field-add').fill('GB-0000-0000');
      await page.locator('#agenda-form button[value=add]').click();
      await page.locator('#field-add-error').waitFor();
      await page.locator('#field-add').fill(other);
      await page.locator('#agenda-form button[value=add]').click();
      await page.waitForURL(/saved=agenda/);
      const order = async () =>
        Promise.all((await page.locator('#agenda-list > li').all()).map((li) => li.getAttribute('data-obstacle')));
      expect(await order()).toEqual([reference, other]);
      await page.locator('#agenda-form button[value="down:0"]').click();
      await page.waitForURL(/saved=agenda/);
      expect(await order()).toEqual([other, reference]);
      await page.locator('#field-items-1-note').fill('Besluit nodig.');
      await page.locator('#agenda-form button[value="up:1"]').click();
      await page.waitForURL(/saved=agenda/);
      expect(await order()).toEqual([reference, other]);
      expect(await page.locator('#field-items-0-note').inputValue()).toBe('Besluit nodig.');
      await page.locator('#agenda-form button[value="remove:1"]').click();
      await page.waitForURL(/saved=agenda/);
      expect(await order()).toEqual([reference]);

      // A stale page: someone else changes the meeting first; the next change is refused (412).
      await api('PATCH', `/api/v1/meetings/${meetingId}`, { place: 'Breda' });
      await page.locator('#agenda-form button[value=save]').click();
      await page.locator('.utrecht-alert', { hasText: nl.governance.conflictText }).waitFor();
    } finally {
      await context.close();
    }
  }, 60_000);

  it('records the decision from the agenda, with the reason for not solving said beside its field', async () => {
    expect(meetingId).not.toBe('');
    const context = await newContext(true);
    const { problems } = await watchForProblems(context);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.secretariat, password: DEMO_PASSWORD },
        { javaScript: true, returnTo: `/meetings/${meetingId}` },
      );
      expect(await page.locator('#meeting-documents a').first().getAttribute('href')).toBe(
        `/api/v1/meetings/${meetingId}/agenda.docx`,
      );
      for (const document of ['agenda.docx', 'decisions.docx']) {
        const response = await page.request.get(`${running.baseUrl}/api/v1/meetings/${meetingId}/${document}`);
        expect(response.status()).toBe(200);
        expect(response.headers()['content-type']).toBe(WORD);
      }
      await page.getByRole('link', { name: nl.governance.recordOnItem.replace('{{reference}}', reference) }).click();
      await page.waitForURL(`**/obstacles/${reference}/decision?meeting=${meetingId}`);
      await waitForHydration(page, true);
      expect(await page.locator('#field-body').inputValue()).toBe('grensoverleg-vl-nl');
      expect(await page.locator('#field-meeting').inputValue()).toBe(meetingId);
      await page.locator('#field-type-not_to_be_solved').check();
      await page.locator('#field-text').fill('Niet oplossen.');
      await page.locator('#decision-form button[type=submit]').click();
      await page.locator('#field-reasons-error').waitFor();
      expect(await page.locator('.schakel-error-summary a[href="#field-reasons"]').count()).toBe(1);
      expect(await page.locator('#field-text').inputValue()).toBe('Niet oplossen.');
      expect(await axeViolations(page)).toEqual([]);
      expect(await status(reference)).toBe('routed');

      await page.locator('#field-type').check(); // administrative_change, the first type
      await page.locator('#field-text').fill('De belastingdiensten stemmen hun formulieren af.');
      await page.locator('#field-owner-nl-office').fill('Staatssecretaris van Financiën');
      await page.locator('#field-departments-nl-fin').check();
      await page.locator('#field-dueOn').fill('2027-06-30');
      await page.locator('#decision-form button[type=submit]').click();
      await page.waitForURL(`**/obstacles/${reference}?governance=decided`);
      await page.locator('#obstacle-decisions li').waitFor();
      expect(await status(reference)).toBe('in_progress');
      const href = (await page.locator('#obstacle-decisions a').getAttribute('href')) ?? '';
      decisionId = href.split('/').pop() ?? '';

      await page.locator(`.schakel-nav a[href="/decisions"]`).click();
      await page.waitForURL('**/decisions');
      expect(await page.locator(`#decision-list li[data-decision="${decisionId}"]`).textContent()).toContain(
        nl.governance.type.administrative_change,
      );
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('shows the decision to the public in the register, and sends the public to sign in for meetings', async () => {
    expect(decisionId).not.toBe('');
    const context = await newContext(false, 'en');
    try {
      const page = await context.newPage();
      await goto(page, '/decisions?type=administrative_change', false);
      const item = page.locator(`#decision-list li[data-decision="${decisionId}"]`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await item.locator('.schakel-badge').textContent()).not.toBe(nl.governance.type.administrative_change);
      // The text exists only in Dutch: shown with the fallback said.
      expect(await item.locator('[lang=nl]').first().textContent()).toContain('De belastingdiensten');
      expect(await item.locator('.schakel-fallback-note').count()).toBeGreaterThan(0);
      await goto(page, '/decisions?type=deferred', false);
      expect(await page.locator(`#decision-list li[data-decision="${decisionId}"]`).count()).toBe(0);
      await goto(page, `/decisions/${decisionId}`, false);
      expect(await page.locator('.schakel-facts').textContent()).toContain('Staatssecretaris van Financiën');
      expect(await page.locator('.schakel-nav a[href="/meetings"]').count()).toBe(0);
      await goto(page, '/meetings', false);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
    } finally {
      await context.close();
    }
  }, 30_000);

  it('lets the secretariat add and change a governing body without JavaScript', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.secretariat, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: '/governing-bodies' },
      );
      expect(await page.locator('#governing-body-list li[data-body="grensoverleg-vl-nl"]').count()).toBe(1);
      await page.locator('#add-body-form #field-key').fill('overleg-proef');
      await page.locator('#add-body-form #field-name-nl').fill('Proefoverleg');
      await page.locator('#add-body-form button[type=submit]').click();
      await page.locator('#field-governments-error').waitFor();
      await page.locator('#add-body-form #field-governments').check();
      await page.locator('#add-body-form button[type=submit]').click();
      await page.waitForURL('**/governing-bodies?added=overleg-proef');
      await page.locator('#governing-body-list a[href="/governing-bodies/overleg-proef"]').click();
      await page.locator('#edit-body-form #field-name-en').fill('Trial consultation');
      await page.locator('#edit-body-form button[type=submit]').click();
      await page.waitForURL('**/governing-bodies?saved=overleg-proef');
      const body = await api('GET', '/api/v1/governing-bodies/overleg-proef');
      expect(body.name).toEqual({ nl: 'Proefoverleg', en: 'Trial consultation' });
    } finally {
      await context.close();
    }
  }, 30_000);

  it('shows a partner no routing or decision forms', async () => {
    const other = await selectedObstacle();
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.partner, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: `/obstacles/${other}` },
      );
      expect(await page.locator('#governance').count()).toBe(1);
      expect(await page.locator('#route-obstacle').count()).toBe(0);
      expect((await goto(page, `/obstacles/${other}/routing`, false))?.status()).toBe(403);
      expect((await goto(page, `/obstacles/${reference}/decision`, false))?.status()).toBe(403);
      await goto(page, `/meetings/${meetingId}`, false);
      expect(await page.locator('#agenda-form').count()).toBe(0);
      expect(await page.locator('#proposal-form').count()).toBe(0);
      expect(await page.locator('#edit-meeting-form').count()).toBe(0);
      expect(await page.getByRole('link', { name: /GB-/ }).count()).toBeGreaterThan(0);
      expect((await goto(page, '/governing-bodies', false))?.status()).toBe(403);
    } finally {
      await context.close();
    }
  }, 30_000);

  it('has no axe violations on the register, a decision, the meetings and a meeting with its editor, and the decision form, in four languages', async () => {
    const routed = await selectedObstacle();
    await api('POST', `/api/v1/obstacles/${routed}/routing`, {
      departments: [{ organisation: 'nl-szw', role: 'lead' }],
    });
    const context = await newContext(true);
    try {
      const page = await context.newPage();
      await signInThroughPage(page, running.baseUrl, { email: DEMO.secretariat, password: DEMO_PASSWORD }, { javaScript: true });
      const violations: string[] = [];
      for (const language of LANGUAGES) {
        await context.addCookies([{ name: 'lang', value: language, url: running.baseUrl }]);
        for (const path of [
          '/decisions',
          `/decisions/${decisionId}`,
          '/meetings',
          `/meetings/${meetingId}`,
          `/obstacles/${routed}/decision`,
          '/governing-bodies/grensoverleg-vl-nl',
        ]) {
          await goto(page, path, true);
          expect(await page.locator('html').getAttribute('lang')).toBe(language);
          violations.push(...(await axeViolations(page)));
        }
      }
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 150_000);
});
