/**
 * Browser journeys of the norms and calendars (issue 6): the secretariat changes a norm without
 * JavaScript (a bad amount is said beside its field and in the error summary, then saved), and
 * with JavaScript; a partner is refused the page; the public reads a year's holidays per calendar
 * (11 July only in Flanders). axe (WCAG 2.1 A and AA) on both pages in all four languages, and on
 * the norms page with a refusal shown.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../test-support/access.js';
import { axeViolations, LANGUAGES, runJourneys, signInThroughPage, watchForProblems } from './support/browser.js';
import { useJourney } from './support/journey.js';
import { DEMO, DEMO_PASSWORD, type RunningApp } from './support/start-app.js';

// Skipped only where no Chromium is installed and CI is not set (runJourneys in support/browser.ts);
// under CI a missing Chromium fails the run instead, so the journeys are required there.
describe.skipIf(!runJourneys)('norms and calendars in a browser', () => {
  const journey = useJourney();
  const { newContext, goto } = journey;
  let running: RunningApp;
  let secretariat: Record<string, string>;

  beforeAll(async () => {
    ({ running } = journey);
    secretariat = await bearer(running.database, 'secretariat');
  }, 120_000);

  async function norm(phase: string): Promise<{ amount: number; unit: string }> {
    const response = await running.app.inject({ method: 'GET', url: '/api/v1/norms', headers: secretariat });
    return (response.json().items as { phase: string; amount: number; unit: string }[]).find((n) => n.phase === phase) as {
      amount: number;
      unit: string;
    };
  }

  it('lets the secretariat change a norm without JavaScript, saying what is wrong beside the field', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.secretariat, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: '/admin/norms' },
      );
      expect(page.url()).toBe(`${running.baseUrl}/admin/norms`);
      expect(await page.locator('nav a[href="/admin/norms"]').count()).toBe(1);
      const form = page.locator('#norm-form-department_response');
      await form.locator('#field-department_response-amount').fill('0');
      await form.locator('button[type=submit]').click();
      await page.locator('#field-department_response-amount-error').waitFor();
      expect(await page.locator('.schakel-error-summary a[href="#field-department_response-amount"]').count()).toBe(1);
      expect(await norm('department_response')).toMatchObject({ amount: 30, unit: 'working_days' });

      await page.locator('#field-department_response-amount').fill('25');
      await page.locator('#norm-form-department_response button[type=submit]').click();
      await page.waitForURL('**/admin/norms?saved=department_response');
      expect(await page.locator('[role=status]').textContent()).toContain('departement');
      expect(await norm('department_response')).toMatchObject({ amount: 25, unit: 'working_days' });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('saves a norm with JavaScript too, unit and all', async () => {
    const context = await newContext(true);
    const { problems } = await watchForProblems(context);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.secretariat, password: DEMO_PASSWORD },
        { javaScript: true, returnTo: '/admin/norms' },
      );
      // A refusal shown with JavaScript too, and axe on the page with its error summary.
      await page.locator('#field-stale_after-amount').fill('viel');
      await page.locator('#norm-form-stale_after button[type=submit]').click();
      await page.locator('#field-stale_after-amount-error').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('#field-stale_after-amount').fill('3');
      await page.locator('#field-stale_after-unit').selectOption('calendar_months');
      await page.locator('#norm-form-stale_after button[type=submit]').click();
      await page.waitForURL('**/admin/norms?saved=stale_after');
      expect(await norm('stale_after')).toMatchObject({ amount: 3, unit: 'calendar_months' });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('refuses the norms page to a partner and sends the public to sign in', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      const anonymous = await goto(page, '/admin/norms', false);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(anonymous?.status()).toBe(200);
      await signInThroughPage(page, running.baseUrl, { email: DEMO.partner, password: DEMO_PASSWORD }, { javaScript: false });
      const refused = await goto(page, '/admin/norms', false);
      expect(refused?.status()).toBe(403);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('shows a year of holidays per calendar to the public: 11 July in Flanders only', async () => {
    const context = await newContext(false, 'en');
    try {
      const page = await context.newPage();
      await goto(page, '/calendars?calendar=vl&year=2028', false);
      expect(await page.locator('#holidays-table tr[data-date="2028-07-11"]').count()).toBe(1);
      expect(await page.locator('#holidays-table caption').textContent()).toBe('Public holidays Flanders 2028');
      await goto(page, '/calendars?calendar=be&year=2028', false);
      expect(await page.locator('#holidays-table tr[data-date="2028-07-11"]').count()).toBe(0);
      expect(await page.locator('#holidays-table tr[data-date="2028-07-21"]').count()).toBe(1);
      await goto(page, '/calendars?calendar=weekends&year=2028', false);
      expect(await page.locator('#no-holidays').count()).toBe(1);
      // The form works without JavaScript: a GET with the choices.
      await goto(page, '/calendars', false);
      await page.locator('#field-calendar').selectOption('de-nw');
      await page.locator('#field-year').fill('2027');
      await page.locator('#calendar-form button[type=submit]').click();
      await page.waitForURL('**/calendars?calendar=de-nw&year=2027');
      expect(await page.locator('#holidays-table tr[data-date="2027-05-27"]').count()).toBe(1);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('has no axe violations on the norms and calendars pages in any language', async () => {
    // axe runs its checks asynchronously in the page, so it needs JavaScript on.
    for (const language of LANGUAGES) {
      const context = await newContext(true, language);
      try {
        const page = await context.newPage();
        await goto(page, '/calendars?calendar=de-nw&year=2027', true);
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        expect(await axeViolations(page)).toEqual([]);
        await signInThroughPage(
          page,
          running.baseUrl,
          { email: DEMO.secretariat, password: DEMO_PASSWORD },
          { javaScript: false },
        );
        await goto(page, '/admin/norms', false);
        await page.waitForLoadState('load');
        expect(await page.locator('section[data-norm]').count()).toBe(5);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }, 120_000);
});
