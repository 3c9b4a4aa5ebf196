/**
 * Browser journey of the competence matrix (issue 6): the secretariat edits a cell without
 * JavaScript (a department of another government is refused beside the field), saves it and reads
 * its history; a partner is refused the page; axe (WCAG 2.1 A and AA) on the matrix and on the edit
 * page in all four languages.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../test-support/access.js';
import { axeViolations, LANGUAGES, runJourneys, signInThroughPage, waitForHydration } from './support/browser.js';
import { useJourney } from './support/journey.js';
import { DEMO, DEMO_PASSWORD, type RunningApp } from './support/start-app.js';

// Skipped only where no Chromium is installed and CI is not set (runJourneys in support/browser.ts);
// under CI a missing Chromium fails the run instead, so the journeys are required there.
describe.skipIf(!runJourneys)('the competence matrix in a browser', () => {
  const journey = useJourney();
  const { newContext, goto } = journey;
  let running: RunningApp;
  let secretariat: Record<string, string>;

  beforeAll(async () => {
    ({ running } = journey);
    secretariat = await bearer(running.database, 'secretariat');
  }, 120_000);

  async function cell(theme: string, government: string) {
    const response = await running.app.inject({ url: `/api/v1/competences/${theme}/${government}`, headers: secretariat });
    return response.json() as { lead: string; involved: string[]; version: number };
  }

  it('lets the secretariat edit a cell without JavaScript, refusing another government’s department beside the field', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.secretariat, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: '/admin/competences' },
      );
      expect(page.url()).toBe(`${running.baseUrl}/admin/competences`);
      expect(await page.locator('nav a[href="/admin/competences"]').count()).toBe(1);
      expect(await page.locator('tr[data-cell="cross_border_work/vl"]').count()).toBe(1);
      await page.locator('tr[data-cell="cross_border_work/vl"] a').click();
      await page.waitForURL('**/admin/competences/cross_border_work/vl');
      expect(await page.locator('#competence-history-empty').count()).toBe(1);

      // Only Flemish departments are offered; a crafted post of another one is refused beside the field.
      const offered = (await page.evaluate(
        `[...document.querySelectorAll('#field-lead option')].map((o) => o.value).filter(Boolean)`,
      )) as string[];
      expect(offered.length).toBeGreaterThan(1);
      expect(offered.every((key) => key.startsWith('vl-'))).toBe(true);
      await page.evaluate(`(() => {
        const select = document.querySelector('#field-lead');
        const option = document.createElement('option');
        option.value = 'nl-szw';
        option.textContent = 'SZW';
        select.appendChild(option);
        select.value = 'nl-szw';
      })()`);
      await page.locator('#competence-form button[type=submit]').click();
      await page.locator('#field-lead-error').waitFor();
      expect(await page.locator('.schakel-error-summary a[href="#field-lead"]').count()).toBe(1);
      expect((await cell('cross_border_work', 'vl')).lead).toBe('vl-wse');

      await page.locator('#field-lead').selectOption('vl-wse');
      await page.locator('#competence-form input[name=involved][value="vl-ewi"]').check();
      await page.locator('#competence-form button[type=submit]').click();
      await page.waitForURL('**/admin/competences?saved=cross_border_work%2Fvl');
      expect(await page.locator('[role=status]').textContent()).toContain('cross_border_work/vl');
      expect(await cell('cross_border_work', 'vl')).toMatchObject({ lead: 'vl-wse', involved: ['vl-ewi'], version: 2 });
      await goto(page, '/admin/competences/cross_border_work/vl', false);
      expect(await page.locator('#competence-history li').count()).toBe(1);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('refuses the matrix to a partner and sends the public to sign in', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await goto(page, '/admin/competences', false);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await signInThroughPage(page, running.baseUrl, { email: DEMO.partner, password: DEMO_PASSWORD }, { javaScript: false });
      expect((await goto(page, '/admin/competences', false))?.status()).toBe(403);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('has no axe violations on the matrix and the edit page in any language', async () => {
    for (const language of LANGUAGES) {
      const context = await newContext(true, language);
      try {
        const page = await context.newPage();
        await signInThroughPage(
          page,
          running.baseUrl,
          { email: DEMO.secretariat, password: DEMO_PASSWORD },
          { javaScript: true, returnTo: '/admin/competences' },
        );
        await waitForHydration(page, true);
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        expect(await axeViolations(page)).toEqual([]);
        await goto(page, '/admin/competences/taxation/be', true);
        expect(await page.locator('#competence-form').count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }, 180_000);
});
