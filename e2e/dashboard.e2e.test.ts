/**
 * Browser journeys of the dashboard (issue 6): the secretariat opens it from the navigation
 * without JavaScript and finds a server-rendered chart (an SVG with role img and a name) beside a
 * table of the same numbers as the API's for every count, filters it by segment with the form,
 * and follows a link of its work list; no CSP violation anywhere (the charts carry no inline
 * style); the public is sent to sign in; axe (WCAG 2.1 A and AA) finds nothing in any of the four
 * languages, for the secretariat and a department.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DashboardResponse } from '../src/contracts/dashboard.contract.js';
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
import { useJourney } from './support/journey.js';
import { DEMO, DEMO_PASSWORD, type RunningApp } from './support/start-app.js';

const FACETS = ['status', 'theme', 'segment', 'government', 'department'] as const;

// Skipped only where no Chromium is installed and CI is not set (runJourneys in support/browser.ts);
// under CI a missing Chromium fails the run instead, so the journeys are required there.
describe.skipIf(!runJourneys)('the dashboard in a browser', () => {
  const journey = useJourney();
  let running: RunningApp;
  let browser: Browser;
  let secretariat: { authorization: string };

  async function api(query = ''): Promise<DashboardResponse> {
    const response = await running.app.inject({ url: `/api/v1/dashboard${query}`, headers: secretariat });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  beforeAll(async () => {
    ({ running, browser } = journey);
    secretariat = await bearer(running.database, 'secretariat');
  }, 120_000);

  async function signedIn(email: string, javaScript: boolean): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      javaScriptEnabled: javaScript,
      locale: 'nl-NL',
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await signInThroughPage(page, running.baseUrl, { email, password: DEMO_PASSWORD }, { javaScript });
    return { context, page };
  }

  /** The numbers of a count's table: key → number (digits only: the page formats them). */
  async function tableCounts(page: Page, facet: string): Promise<Record<string, number>> {
    const rows = await page.locator(`#dashboard-table-${facet} tbody tr`).all();
    const counts: Record<string, number> = {};
    for (const row of rows) {
      const key = (await row.getAttribute('data-key')) ?? '';
      counts[key] = Number(((await row.locator('td').textContent()) ?? '').replace(/\D/g, ''));
    }
    return counts;
  }

  it('without JavaScript: every count as a chart beside its table, the same numbers as the API, a filter, a work link', async () => {
    const { context, page } = await signedIn(DEMO.secretariat, false);
    const watched = await watchForProblems(context);
    try {
      await page.locator('.schakel-nav a[href="/dashboard"]').click();
      await page.waitForURL('**/dashboard');
      expect(await page.locator('h1').textContent()).toBe(nl.dashboard.title);
      const all = await api();
      expect(all.total).toBeGreaterThan(0);
      for (const facet of FACETS) {
        const section = page.locator(`#dashboard-${facet}`);
        if (Object.keys(all.counts[facet]).length === 0) {
          expect(await section.textContent()).toContain(nl.dashboard.noCounts);
          continue;
        }
        const chart = section.locator('svg[role="img"]');
        expect(await chart.count(), facet).toBe(1);
        expect(await chart.getAttribute('aria-label')).toBe(
          nl.dashboard.chartName.replace('{{facet}}', nl.dashboard.facet[facet]),
        );
        // One bar per key, in the chart's colour.
        expect(await chart.locator('path[fill="#154273"]').count(), facet).toBe(Object.keys(all.counts[facet]).length);
        expect(await section.locator('table caption').textContent()).toBe(
          nl.dashboard.tableCaption.replace('{{facet}}', nl.dashboard.facet[facet]),
        );
        expect(await tableCounts(page, facet), facet).toEqual(all.counts[facet]);
      }

      // Filter by the segment with the most obstacles: the form works without JavaScript.
      const [segment] = Object.entries(all.counts.segment).sort((a, b) => b[1] - a[1])[0] ?? [];
      expect(segment).toBeDefined();
      await page.locator('#field-segment').selectOption(segment as string);
      await page.locator('#dashboard-filters button[type=submit]').click();
      await page.waitForURL((url) => url.searchParams.get('segment') === segment);
      const filtered = await api(`?segment=${segment}`);
      expect(filtered.total).toBeLessThan(all.total);
      expect(await tableCounts(page, 'segment')).toEqual({ [segment as string]: filtered.total });
      expect(await tableCounts(page, 'status')).toEqual(filtered.counts.status);

      // The work list links to the obstacles.
      const first = filtered.myWork.items[0];
      expect(first).toBeDefined();
      await page.locator(`#dashboard-my-work tr[data-reference="${first?.reference}"] a`).click();
      await page.waitForURL(`**/obstacles/${first?.reference}`);
      expect(watched.problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('sends the public to sign in first', async () => {
    const anonymous = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await anonymous.newPage();
      await page.goto(`${running.baseUrl}/dashboard`);
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sign-in?returnTo=%2Fdashboard');
      expect(await page.locator('.schakel-nav a[href="/dashboard"]').count()).toBe(0);
    } finally {
      await anonymous.close();
    }
  }, 60_000);

  it('has no axe violations in any of the four languages, for the secretariat and a department, and no CSP violation', async () => {
    const violations: string[] = [];
    for (const who of [DEMO.secretariat, DEMO.department]) {
      const { context, page } = await signedIn(who, true);
      const watched = await watchForProblems(context);
      try {
        for (const language of LANGUAGES) {
          await context.addCookies([{ name: 'lang', value: language, url: running.baseUrl }]);
          await page.goto(`${running.baseUrl}/dashboard`);
          await waitForHydration(page, true);
          expect(await page.getAttribute('html', 'lang')).toBe(language);
          expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(0);
          violations.push(...(await axeViolations(page)).map((v) => `${who} ${language}: ${v}`));
        }
        expect(watched.problems).toEqual([]);
      } finally {
        await context.close();
      }
    }
    expect(violations).toEqual([]);
  }, 180_000);
});
