/**
 * Browser journeys of the decision side of a selection round (issue 7): a round of six candidates
 * scored by three partners and with its rules, set up through the API (the set-up pages are not
 * this journey's); the secretariat solves it through the pages without JavaScript, reads the
 * explanations, runs a what-if with other weights (a refused weight said beside the field, nothing
 * solved), compares the two portfolios side by side, amends one candidate (a missing reason refused
 * beside the field, nothing changed), approves and reads the report; a partner reads the report
 * once solved and cannot amend (no form, a forged POST refused). Axe (WCAG 2.1 A and AA) on every
 * new page and state in nl, fr, de and en.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../test-support/access.js';
import { axeViolations, LANGUAGES, runJourneys, signInThroughPage } from './support/browser.js';
import { useJourney } from './support/journey.js';
import { openRoundForScoring, proposeObstacles, ROUNDS, scoreAsPartners } from './support/selection-round.js';
import { DEMO, DEMO_PASSWORD, type RunningApp } from './support/start-app.js';

const BASE = ROUNDS;
const PARTNERS = ['nl-li', 'nl-ze', 'be-vli'];
const THEMES = ['taxation', 'social_security', 'healthcare'];

// Skipped only where no Chromium is installed and CI is not set (runJourneys in support/browser.ts).
describe.skipIf(!runJourneys)('the decision on a selection round in a browser', () => {
  const journey = useJourney();
  const { newContext, goto } = journey;
  let running: RunningApp;
  let secretariat: Record<string, string>;
  const api = journey.api(() => secretariat);
  let roundId = '';
  /** Six proposed obstacles: the first three strong on impact, the last three on urgency. */
  const candidates: { id: string; reference: string }[] = [];
  /** The round's first solve (the round's own weights) and the what-if (impact 0, urgency 90). */
  const solves = { first: '', whatIf: '' };

  beforeAll(async () => {
    ({ running } = journey);
    secretariat = await bearer(running.database, 'secretariat');
    candidates.push(
      ...(await proposeObstacles(
        journey,
        [0, 1, 2, 3, 4, 5].map((i) => ({ title: `Besluitkandidaat ${i}`, themes: [THEMES[i % THEMES.length] as string] })),
      )),
    );
    // The set-up through the API: round, candidates, rules, open for scoring, three partners' scores.
    roundId = await openRoundForScoring(api, {
      name: 'Besluitronde 2027',
      capacity: 3,
      partners: PARTNERS,
      candidates,
      rules: { maxPerTheme: 2 },
    });
    await scoreAsPartners(journey, roundId, {
      partners: PARTNERS,
      candidates,
      score: (i, criterion, p) =>
        criterion === 'impact' ? (i < 3 ? 5 : 1) : criterion === 'urgency' ? (i < 3 ? 1 : 5) : 3 + ((i + p) % 2),
    });
  }, 120_000);

  /** Reload a solution's page (its refresh link) until the solve has ended. */
  async function untilFinished(page: Page, path: string) {
    for (let i = 0; i < 100 && (await page.locator('#solution-status').getAttribute('data-status')) === 'running'; i++) {
      await page.waitForTimeout(200);
      await goto(page, path, false);
    }
    expect(await page.locator('#solution-status').getAttribute('data-status')).toBe('optimal');
  }

  async function signIn(page: Page, email: string, javaScript: boolean, returnTo?: string) {
    await signInThroughPage(
      page,
      running.baseUrl,
      { email, password: DEMO_PASSWORD },
      { javaScript, ...(returnTo ? { returnTo } : {}) },
    );
  }

  const ref = (i: number) => candidates[i]?.reference as string;
  const solutionPath = (sid: string) => `/selection-rounds/${roundId}/solutions/${sid}`;

  it('lets the secretariat solve, read the explanations, run a what-if with other weights and compare both portfolios, without JavaScript', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signIn(page, DEMO.secretariat, false, `/selection-rounds/${roundId}`);
      await page.locator('#solve-form button[type=submit]').click();
      await page.waitForURL('**?done=solve');
      await page.locator('#solution-list li[data-solution] a').click();
      await page.waitForURL(`**/selection-rounds/${roundId}/solutions/*`);
      solves.first = new URL(page.url()).pathname.split('/').pop() as string;
      await untilFinished(page, solutionPath(solves.first));
      // The explanations: the three strong on impact are in, for their score; the others left out, with why.
      for (const i of [0, 1, 2]) {
        const row = page.locator(`#portfolio tr[data-candidate="${ref(i)}"]`);
        expect(await row.getAttribute('data-selected')).toBe('true');
        expect(await row.textContent()).toContain('Gekozen om zijn score.');
      }
      for (const i of [3, 4, 5]) {
        expect(await page.locator(`#portfolio tr[data-candidate="${ref(i)}"]`).getAttribute('data-selected')).toBe('false');
        expect(
          await page
            .locator(`#portfolio tr[data-candidate="${ref(i)}"] td`)
            .last()
            .textContent(),
        ).not.toBe('');
      }
      // Solved with the round's own set-up: nothing said about other settings.
      expect(await page.locator('#solved-with').count()).toBe(0);

      // A what-if with a weight that is not allowed: refused beside the field, nothing solved.
      const form = page.locator('#what-if-form');
      expect(await form.locator('#field-criteria-0-weight').inputValue()).toBe('30');
      expect(await form.locator('#field-rules-maxPerTheme').inputValue()).toBe('2');
      await form.locator('#field-criteria-0-weight').fill('-5');
      await form.locator('button[type=submit]').click();
      await page.locator('#field-criteria-0-weight-error').waitFor();
      expect(await page.locator('.schakel-error-summary a[href="#field-criteria-0-weight"]').count()).toBe(1);
      expect((await api('GET', `${BASE}/${roundId}`)).solutions).toHaveLength(1);

      // Impact 0, urgency 90: solved at once as a new solution; the round keeps its own weights.
      await form.locator('#field-criteria-0-weight').fill('0');
      await form.locator('#field-criteria-2-weight').fill('90');
      await form.locator('button[type=submit]').click();
      await page.waitForURL('**?done=whatif');
      solves.whatIf = new URL(page.url()).pathname.split('/').pop() as string;
      expect(solves.whatIf).not.toBe(solves.first);
      await untilFinished(page, solutionPath(solves.whatIf));
      expect(await page.locator('#solved-with li[data-weight="impact"]').textContent()).toContain('0');
      expect(await page.locator('#solved-with li[data-weight="urgency"]').textContent()).toContain('90');
      for (const i of [3, 4, 5])
        expect(await page.locator(`#portfolio tr[data-candidate="${ref(i)}"]`).getAttribute('data-selected')).toBe('true');
      const round = await api('GET', `${BASE}/${roundId}`);
      expect(round.criteria.find((c: { key: string }) => c.key === 'impact').weight).toBe(30);
      expect(round.solutions).toHaveLength(2);

      // Side by side: everything changed places; the totals, and the weights that differ.
      await page.locator('#compare-link').click();
      await page.waitForURL(`**/selection-rounds/${roundId}/compare?*`);
      expect(new URL(page.url()).searchParams.get('a')).toBe(solves.first);
      expect(new URL(page.url()).searchParams.get('b')).toBe(solves.whatIf);
      expect(await page.locator('#compare-portfolio tr[data-change="entered"]').count()).toBe(3);
      expect(await page.locator('#compare-portfolio tr[data-change="left"]').count()).toBe(3);
      expect(await page.locator('#compare-portfolio tr[data-change="stayed"]').count()).toBe(0);
      expect(await page.locator(`#compare-portfolio tr[data-candidate="${ref(3)}"]`).getAttribute('data-change')).toBe('entered');
      expect(await page.locator('#compare-totals tr[data-measure="total"] td').count()).toBe(2);
      expect(await page.locator('#compare-weights tr[data-criterion]').count()).toBe(2);
      for (const criterion of ['impact', 'urgency'])
        expect(await page.locator(`#compare-weights tr[data-criterion="${criterion}"]`).count()).toBe(1);
      expect(await page.locator('#same-rules').count()).toBe(1);
      // The GET form, the other way round.
      await page.locator('#field-a').selectOption(solves.whatIf);
      await page.locator('#field-b').selectOption(solves.first);
      await page.locator('#compare-form button[type=submit]').click();
      await page.waitForURL(`**/compare?a=${solves.whatIf}&b=${solves.first}`);
      expect(await page.locator(`#compare-portfolio tr[data-candidate="${ref(0)}"]`).getAttribute('data-change')).toBe('entered');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('has no axe violations on the solution page with its what-if and amendment forms (and their errors), the compare page and the report page, in any language', async () => {
    for (const language of LANGUAGES) {
      const context = await newContext(true, language);
      try {
        const page = await context.newPage();
        await signIn(page, DEMO.secretariat, true);
        await goto(page, solutionPath(solves.whatIf), true);
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        expect(await page.locator('#solved-with').count()).toBe(1);
        expect(await page.locator('#what-if-form').count()).toBe(1);
        expect(await page.locator('#amend-form').count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
        // The amendment without a reason, and a what-if with a weight not allowed: each error beside its field.
        await page.locator('#field-amendObstacle').selectOption(candidates[1]?.id as string);
        await page.locator('#field-amendChange-exclude').check();
        await page.locator('#amend-form button[type=submit]').click();
        await page.locator('#field-amendReason-error').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.locator('#field-criteria-1-weight').fill('-1');
        await page.locator('#what-if-form button[type=submit]').click();
        await page.locator('#field-criteria-1-weight-error').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await goto(page, `/selection-rounds/${roundId}/compare?a=${solves.first}&b=${solves.whatIf}`, true);
        expect(await page.locator('#compare-portfolio').count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
        await goto(page, `/selection-rounds/${roundId}/report`, true);
        expect(await page.locator('#report-portfolio').count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }
    // Nothing of that changed the round.
    const round = await api('GET', `${BASE}/${roundId}`);
    expect(round.amendments).toEqual([]);
    expect(round.solutions).toHaveLength(2);
  }, 240_000);

  it('lets the secretariat amend a candidate with its reason (a missing reason refused beside the field), approve, and read the report', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signIn(page, DEMO.secretariat, false, solutionPath(solves.first));
      const amend = page.locator('#amend-form');
      expect(await page.locator('#no-amendments').count()).toBe(1);
      await amend.locator('#field-amendObstacle').selectOption(candidates[2]?.id as string);
      await amend.locator('#field-amendChange-exclude').check();
      await amend.locator('button[type=submit]').click();
      await page.locator('#field-amendReason-error').waitFor();
      expect(await page.locator('.schakel-error-summary a[href="#field-amendReason"]').count()).toBe(1);
      expect((await api('GET', `${BASE}/${roundId}`)).amendments).toEqual([]);
      // The choices are kept; the reason given, the amendment is recorded with who and why.
      expect(await page.locator('#field-amendObstacle').inputValue()).toBe(candidates[2]?.id);
      await page.locator('#field-amendReason').fill('Wordt al bilateraal opgepakt');
      await page.locator('#amend-form button[type=submit]').click();
      await page.waitForURL('**?done=amend');
      const row = page.locator(`#amendment-list tr[data-candidate="${ref(2)}"]`);
      expect(await row.getAttribute('data-change')).toBe('exclude');
      expect(await row.textContent()).toContain('Wordt al bilateraal opgepakt');
      expect(await row.textContent()).toContain('Demo Secretariaat');
      expect(await page.locator(`#portfolio tr[data-candidate="${ref(2)}"] td[data-amended="exclude"]`).count()).toBe(1);
      expect(await page.locator('#approve-amendments').count()).toBe(1);

      await page.locator('#field-reason').fill('Besluit van het regionale orgaan');
      await page.locator('#approve-form button[type=submit]').click();
      await page.waitForURL('**?done=approve');
      expect(await api('GET', `${BASE}/${roundId}`)).toMatchObject({
        status: 'approved',
        approvedSolutionId: solves.first,
      });
      const excluded = await api('GET', `/api/v1/obstacles/${candidates[2]?.id}`);
      expect(excluded.status).toBe('not_selected');
      expect(await page.locator('#amend-form').count()).toBe(0);
      expect(await page.locator('#what-if-form').count()).toBe(0);

      await page.locator('#report-page-link').click();
      await page.waitForURL(`**/selection-rounds/${roundId}/report`);
      expect(await page.locator('#report-criteria tr[data-criterion]').count()).toBe(5);
      expect(await page.locator('#report-rules li[data-rule="maxPerTheme"]').count()).toBe(1);
      expect(await page.locator('#report-scores tbody tr').count()).toBe(6);
      expect(await page.locator('#report-scores tbody tr').first().textContent()).toMatch(/\d\.\d\d–\d\.\d\d/);
      expect(await page.locator('#report-portfolio tbody tr').count()).toBe(6);
      expect(await page.locator(`#report-portfolio tr[data-candidate="${ref(0)}"]`).textContent()).toContain(
        'Gekozen om zijn score.',
      );
      expect(await page.locator('#report-comparison li').count()).toBe(3);
      expect(await page.locator(`#report-amendments tr[data-candidate="${ref(2)}"]`).textContent()).toContain(
        'Wordt al bilateraal opgepakt',
      );
      const href = (await page.locator('#report-docx-link').getAttribute('href')) as string;
      expect(href).toContain('lang=nl');
      const docx = await page.request.get(`${running.baseUrl}${href}`);
      expect(docx.status()).toBe(200);
      expect(docx.headers()['content-type']).toContain('wordprocessingml');
    } finally {
      await context.close();
    }
  }, 90_000);

  it('lets a partner read the report once solved, but not amend: no form, and a forged post is refused', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signIn(page, DEMO.partner, false);
      const report = await goto(page, `/selection-rounds/${roundId}/report`, false);
      expect(report?.status()).toBe(200);
      expect(await page.locator('#report-portfolio tbody tr').count()).toBe(6);
      expect(await page.locator('#report-amendments tbody tr').count()).toBe(1);
      await goto(page, solutionPath(solves.first), false);
      expect(await page.locator('#portfolio').count()).toBe(1);
      expect(await page.locator('#amend-form').count()).toBe(0);
      expect(await page.locator('#what-if-form').count()).toBe(0);
      expect(await page.locator('#approve-form').count()).toBe(0);
      // A forged amendment with the partner's own CSRF token: refused by the API, nothing recorded.
      const csrf = (await page.locator('input[name=csrf]').first().getAttribute('value')) as string;
      expect(csrf).not.toBe('');
      const forged = await page.request.post(`${running.baseUrl}${solutionPath(solves.first)}`, {
        form: {
          csrf,
          intent: 'amend',
          amendObstacle: candidates[4]?.id as string,
          amendChange: 'include',
          amendReason: 'Gesmokkeld',
        },
      });
      expect(forged.status()).toBe(403);
      const direct = await page.request.post(`${running.baseUrl}${BASE}/${roundId}/amendments`, {
        headers: { 'x-csrf-token': csrf },
        data: { solutionId: solves.first, obstacleId: candidates[4]?.id, change: 'include', reason: 'Gesmokkeld' },
      });
      expect(direct.status()).toBe(403);
      expect((await api('GET', `${BASE}/${roundId}`)).amendments).toHaveLength(1);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('has no axe violations on the approved solution, its report and the partner’s view of both, in any language', async () => {
    for (const language of LANGUAGES) {
      for (const email of [DEMO.secretariat, DEMO.partner]) {
        const context = await newContext(true, language);
        try {
          const page = await context.newPage();
          await signIn(page, email, true);
          await goto(page, solutionPath(solves.first), true);
          expect(await page.locator('#amendment-list').count()).toBe(1);
          expect(await axeViolations(page)).toEqual([]);
          await goto(page, `/selection-rounds/${roundId}/report`, true);
          expect(await page.locator('html').getAttribute('lang')).toBe(language);
          expect(await page.locator('#report-docx-link').getAttribute('href')).toContain(`lang=${language}`);
          expect(await axeViolations(page)).toEqual([]);
        } finally {
          await context.close();
        }
      }
    }
  }, 240_000);
});
