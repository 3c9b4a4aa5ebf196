/**
 * Browser journeys of the selection rounds (issue 7): the secretariat starts a round through the
 * plain form without JavaScript (a missing field is said beside it and in the error summary and
 * nothing is created, then the round is created and listed); a partner sees the round of its
 * organisation; axe (WCAG 2.1 A and AA) on the page in all four languages, with the form's errors.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../test-support/access.js';
import { axeViolations, LANGUAGES, runJourneys, signInThroughPage } from './support/browser.js';
import { useJourney } from './support/journey.js';
import { proposeObstacles } from './support/selection-round.js';
import { DEMO, DEMO_PASSWORD, type RunningApp } from './support/start-app.js';

// Skipped only where no Chromium is installed and CI is not set (runJourneys in support/browser.ts).
describe.skipIf(!runJourneys)('selection rounds in a browser', () => {
  const journey = useJourney();
  const { newContext, goto } = journey;
  let running: RunningApp;
  let secretariat: Record<string, string>;
  /** Two proposed obstacles of segment nl-vl, the candidates of the journey. */
  const proposed: { id: string; reference: string }[] = [];

  beforeAll(async () => {
    ({ running } = journey);
    secretariat = await bearer(running.database, 'secretariat');
    proposed.push(...(await proposeObstacles(journey, [{ title: 'Kandidaat 1' }, { title: 'Kandidaat 2' }])));
  }, 120_000);

  async function rounds(): Promise<{ id: string; name: string; partners: string[]; criteria: { weight: number }[] }[]> {
    const response = await running.app.inject({ method: 'GET', url: '/api/v1/selection-rounds', headers: secretariat });
    return response.json().items;
  }

  async function fillRound(page: Page, name: string) {
    await page.locator('#field-name').fill(name);
    await page.locator('#field-segment').selectOption('nl-vl');
    await page.locator('#field-periodStart').fill('2027-01-01');
    await page.locator('#field-periodEnd').fill('2027-12-31');
    await page.locator('#field-capacity').fill('3');
    await page.locator('input[name=partners][value="nl-li"]').check();
  }

  it('lets the secretariat start a round without JavaScript, saying what is missing beside the field', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.secretariat, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: '/selection-rounds' },
      );
      expect(page.url()).toBe(`${running.baseUrl}/selection-rounds`);
      expect(await page.locator('nav a[href="/selection-rounds"]').count()).toBe(1);
      expect(await page.locator('#no-rounds').count()).toBe(1);
      // No scoring deadline: refused, said beside the field and in the summary; nothing created.
      await fillRound(page, 'Ronde 2027');
      await page.locator('#new-round-form button[type=submit]').click();
      await page.locator('#field-scoringDeadline-error').waitFor();
      expect(await page.locator('.schakel-error-summary a[href="#field-scoringDeadline"]').count()).toBe(1);
      expect(await rounds()).toEqual([]);
      // The values typed are kept; the deadline added and a weight changed, the round is created.
      expect(await page.locator('#field-name').inputValue()).toBe('Ronde 2027');
      await page.locator('#field-scoringDeadline').fill('2099-12-15');
      await page.locator('#field-segment').selectOption('nl-vl');
      await page.locator('input[name=partners][value="nl-li"]').check();
      await page.locator('input[name="criteria.0.weight"]').fill('40');
      await page.locator('#new-round-form button[type=submit]').click();
      await page.waitForURL('**/selection-rounds?added=*');
      const created = await rounds();
      expect(created).toHaveLength(1);
      expect(created[0]).toMatchObject({ name: 'Ronde 2027', partners: ['nl-li'] });
      expect(created[0]?.criteria[0]?.weight).toBe(40);
      expect(await page.locator(`#round-list tr[data-round="${created[0]?.id}"]`).count()).toBe(1);
      expect(await page.locator('[role=status]').count()).toBe(1);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('lets the secretariat add and remove candidates, open the round, the partner scores in the grid, and the round is solved, without JavaScript', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.secretariat, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: '/selection-rounds' },
      );
      const round = (await rounds())[0] as { id: string };
      await page.locator(`#round-list tr[data-round="${round.id}"] a`).click();
      await page.waitForURL(`**/selection-rounds/${round.id}`);
      expect(await page.locator('#no-candidates').count()).toBe(1);
      // An unknown obstacle: refused beside the field, nothing added.
      await page.locator('#field-obstacle').fill('GEEN-OBSTAKEL');
      await page.locator('#add-candidate-form button[type=submit]').click();
      await page.locator('.schakel-error-summary').waitFor();
      expect(await page.locator('#no-candidates').count()).toBe(1);
      for (const obstacle of proposed) {
        await page.locator('#field-obstacle').fill(obstacle.reference);
        await page.locator('#add-candidate-form button[type=submit]').click();
        await page.waitForURL('**?done=add');
      }
      expect(await page.locator('#candidate-list tr[data-candidate]').count()).toBe(2);
      await page.locator(`#candidate-list tr[data-candidate="${proposed[1]?.reference}"] button[type=submit]`).click();
      await page.waitForURL('**?done=remove');
      expect(await page.locator('#candidate-list tr[data-candidate]').count()).toBe(1);
      expect(await page.locator(`#candidate-list tr[data-candidate="${proposed[0]?.reference}"]`).count()).toBe(1);

      await page.locator('#status-form button[type=submit]').click();
      await page.waitForURL('**?done=open');
      const opened = await running.app.inject({
        method: 'GET',
        url: `/api/v1/selection-rounds/${round.id}`,
        headers: secretariat,
      });
      expect(opened.json().status).toBe('scoring');
      expect(await page.locator('#progress-list tr[data-partner="nl-li"]').textContent()).toContain('0 / 5');

      // Not scored yet: the API's refusal in the error summary, no solve started.
      await page.locator('#solve-form button[type=submit]').click();
      await page.locator('.schakel-error-summary').waitFor();
      expect(await page.locator('#no-solutions').count()).toBe(1);

      // The partner scores in the grid, without JavaScript: each cell labelled by its candidate and criterion.
      const partnerContext = await newContext(false);
      try {
        const grid = await partnerContext.newPage();
        await signInThroughPage(
          grid,
          running.baseUrl,
          { email: DEMO.partner, password: DEMO_PASSWORD },
          { javaScript: false, returnTo: `/selection-rounds/${round.id}` },
        );
        await grid.locator('#score-link').click();
        await grid.waitForURL(`**/selection-rounds/${round.id}/scores`);
        const reference = proposed[0]?.reference as string;
        expect(await grid.locator('#score-grid tbody tr').count()).toBe(1);
        for (const criterion of ['Impact', 'Urgentie', 'Oplosbaarheid']) {
          await grid.getByRole('combobox', { name: new RegExp(`^${reference}.*${criterion}$`) }).selectOption('4');
        }
        await grid.getByRole('textbox', { name: new RegExp(`^${reference}.*Opmerking$`) }).fill('Dringend');
        await grid.locator('#scores-form button[type=submit]').click();
        await grid.waitForURL('**/scores?saved=3');
        expect(await grid.locator('[role=status]').count()).toBe(1);
        // The rest of the row, saved on top of what is there; the saved values come back in the grid.
        expect(await grid.getByRole('combobox', { name: new RegExp(`^${reference}.*Impact$`) }).inputValue()).toBe('4');
        for (const criterion of ['Aantal getroffen mensen', 'Past bij prioritair thema']) {
          await grid.getByRole('combobox', { name: new RegExp(`^${reference}.*${criterion}$`) }).selectOption('3');
        }
        await grid.locator('#scores-form button[type=submit]').click();
        await grid.waitForURL('**/scores?saved=5');
        // The .xlsx of the same grid, with the partner's session.
        const sheet = await grid.request.get(`${running.baseUrl}${await grid.locator('#xlsx-link').getAttribute('href')}`);
        expect(sheet.status()).toBe(200);
        expect(sheet.headers()['content-type']).toContain('spreadsheetml');
      } finally {
        await partnerContext.close();
      }
      const scores = await running.app.inject({
        method: 'GET',
        url: `/api/v1/selection-rounds/${round.id}/scores?organisation=nl-li`,
        headers: secretariat,
      });
      expect(scores.json().items).toHaveLength(5);
      expect(scores.json().items).toContainEqual(expect.objectContaining({ criterion: 'impact', score: 4, comment: 'Dringend' }));
      await goto(page, `/selection-rounds/${round.id}`, false);
      expect(await page.locator('#progress-list tr[data-partner="nl-li"]').textContent()).toContain('5 / 5');
      await page.locator('#solve-form button[type=submit]').click();
      await page.waitForURL('**?done=solve');
      expect(await page.locator('#solution-list li[data-solution]').count()).toBe(1);
      // A running solve is followed by reloading the page (the refresh link) until it ends.
      for (let i = 0; i < 50 && (await page.locator('#solution-list li[data-status="running"]').count()) > 0; i++) {
        await page.waitForTimeout(200);
        await goto(page, `/selection-rounds/${round.id}`, false);
      }
      expect(await page.locator('#solution-list li[data-solution]').getAttribute('data-status')).toBe('optimal');

      // The proposed portfolio, each candidate with why; then the approval, with its reason.
      await page.locator('#solution-list li[data-solution] a').click();
      await page.waitForURL(`**/selection-rounds/${round.id}/solutions/*`);
      expect(await page.locator('#solution-status').getAttribute('data-status')).toBe('optimal');
      const row = page.locator(`#portfolio tr[data-candidate="${proposed[0]?.reference}"]`);
      expect(await row.getAttribute('data-selected')).toBe('true');
      expect(await row.textContent()).toContain('Gekozen om zijn score.');
      expect(await page.locator('#comparison li').count()).toBe(3);
      await page.locator('#field-reason').fill('Besproken in het overleg van de secretariaten');
      await page.locator('#approve-form button[type=submit]').click();
      await page.waitForURL('**?done=approve');
      expect(await page.locator('[role=status]').textContent()).toContain('goedgekeurd');
      const approved = await running.app.inject({
        method: 'GET',
        url: `/api/v1/selection-rounds/${round.id}`,
        headers: secretariat,
      });
      expect(approved.json()).toMatchObject({ status: 'approved' });
      expect(await page.locator('#approve-form').count()).toBe(0);
      const report = await page.request.get(`${running.baseUrl}${await page.locator('#report-link').getAttribute('href')}`);
      expect(report.status()).toBe(200);
      expect(report.headers()['content-type']).toContain('wordprocessingml');
    } finally {
      await context.close();
    }
  }, 90_000);

  it('shows the partner the rounds of its organisation, without the form to start one', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(page, running.baseUrl, { email: DEMO.partner, password: DEMO_PASSWORD }, { javaScript: false });
      const response = await goto(page, '/selection-rounds', false);
      expect(response?.status()).toBe(200);
      expect(await page.locator('nav a[href="/selection-rounds"]').count()).toBe(1);
      expect(await page.locator('#new-round-form').count()).toBe(0);
      const visible = await page.locator('#round-list tr[data-round]').count();
      expect(visible).toBe((await rounds()).filter((r) => r.partners.includes('nl-li')).length);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('has no axe violations on the rounds page in any language, errors shown', async () => {
    for (const language of LANGUAGES) {
      const context = await newContext(true, language);
      try {
        const page = await context.newPage();
        await signInThroughPage(
          page,
          running.baseUrl,
          { email: DEMO.secretariat, password: DEMO_PASSWORD },
          { javaScript: true },
        );
        await goto(page, '/selection-rounds', true);
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        expect(await axeViolations(page)).toEqual([]);
        await page.locator('#new-round-form button[type=submit]').click();
        await page.locator('#field-name-error').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        const round = (await rounds())[0] as { id: string };
        await goto(page, `/selection-rounds/${round.id}`, true);
        expect(await page.locator('#candidate-list').count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
        await goto(page, `/selection-rounds/${round.id}/scores?organisation=nl-li`, true);
        expect(await page.locator('#score-grid select').count()).toBe(5);
        expect(await axeViolations(page)).toEqual([]);
        const detail = await running.app.inject({
          method: 'GET',
          url: `/api/v1/selection-rounds/${round.id}`,
          headers: secretariat,
        });
        await goto(page, `/selection-rounds/${round.id}/solutions/${detail.json().solutions[0].id}`, true);
        expect(await page.locator('#portfolio').count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }, 180_000);
});
