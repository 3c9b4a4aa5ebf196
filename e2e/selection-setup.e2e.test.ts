/**
 * Browser journeys of setting a selection round up (issue 7): the secretariat sets the balance
 * rules through the plain form without JavaScript (an impossible share is refused beside its field
 * and nothing changes; then the rules, the candidates to keep and leave out and the budget are
 * saved and read back as sentences), a change by someone else in between is said (412), and a
 * weight is changed; a partner downloads its sheet, fills it in (exceljs), uploads it through the
 * form and sees the count saved and its progress, a sheet with a bad cell being refused naming the
 * cell; an infeasible rule set leads to a solve whose page names the conflicting rules; axe (WCAG
 * 2.1 A and AA) on every new page and state in all four languages.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../test-support/access.js';
import { axeViolations, LANGUAGES, runJourneys, signInThroughPage } from './support/browser.js';
import { useJourney } from './support/journey.js';
import { openRoundForScoring, proposeObstacles, ROUNDS } from './support/selection-round.js';
import { DEMO, DEMO_PASSWORD, type RunningApp } from './support/start-app.js';

const BASE = ROUNDS;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface RoundJson {
  id: string;
  version: number;
  rules: Record<string, unknown>;
  effortBudget: number | null;
  aggregation: string;
  criteria: { key: string; weight: number }[];
  candidates: { obstacleId: string; reference: string; must: string | null; side: string }[];
  solutions: { id: string; status: string }[];
}

// Skipped only where no Chromium is installed and CI is not set (runJourneys in support/browser.ts).
describe.skipIf(!runJourneys)('setting a selection round up in a browser', () => {
  const journey = useJourney();
  const { newContext, goto } = journey;
  let running: RunningApp;
  let secretariat: Record<string, string>;
  let roundId = '';
  /** Four proposed obstacles of segment nl-vl: two on the Dutch side (NL-LI), two on the Flemish (BE-VLI). */
  const proposed: { id: string; reference: string }[] = [];

  const api = journey.api(() => secretariat);

  async function round(): Promise<RoundJson> {
    return api('GET', `${BASE}/${roundId}`);
  }

  beforeAll(async () => {
    ({ running } = journey);
    secretariat = await bearer(running.database, 'secretariat');
    proposed.push(
      ...(await proposeObstacles(
        journey,
        [0, 1, 2, 3].map((i) => ({
          title: `Kandidaat ${i}`,
          governments: i < 2 ? ['nl'] : ['vl'],
          regions: [i < 2 ? 'NL-LI' : 'BE-VLI'],
        })),
      )),
    );
    // The round and its candidates through the API: the forms of setting up are the point here.
    roundId = await openRoundForScoring(api, { name: 'Ronde opzet', capacity: 2, partners: ['nl-li'], candidates: proposed });
  }, 120_000);

  /** The side whose inputs come second on the form (index 1), and its key. */
  async function secondSide(page: Page): Promise<string> {
    return (await page.locator('input[name="sideShare.1.side"]').inputValue()) as string;
  }

  /** The partner's sheet, downloaded with the page's session, filled in with `score` (a cell may be overridden). */
  async function filledSheet(page: Page, href: string, override?: { cell: string; value: number }): Promise<Buffer> {
    const response = await page.request.get(`${running.baseUrl}${href}`);
    expect(response.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Scores');
    if (!sheet) throw new Error('no Scores sheet');
    for (let row = 3; row <= sheet.rowCount; row++) {
      for (let column = 4; column <= 8; column++) sheet.getRow(row).getCell(column).value = ((row + column) % 5) + 1;
    }
    if (override) sheet.getCell(override.cell).value = override.value;
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  async function upload(page: Page, file: Buffer) {
    await page.locator('#field-file').setInputFiles({ name: 'scores.xlsx', mimeType: XLSX, buffer: file });
    await page.locator('#upload-form button[type=submit]').click();
  }

  it('lets the secretariat set the balance rules and change a weight without JavaScript', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.secretariat, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: `/selection-rounds/${roundId}` },
      );
      expect(await page.locator('#no-rules').count()).toBe(1);
      const before = await round();
      const side = await secondSide(page);
      const [first, , , last] = before.candidates as [RoundJson['candidates'][0], unknown, unknown, RoundJson['candidates'][0]];

      // A minimum above the maximum: refused beside the maximum of that side and in the summary; nothing changes.
      await page.locator('#field-sideShare-1-minPercent').fill('80');
      await page.locator('#field-sideShare-1-maxPercent').fill('20');
      await page.locator(`#field-must-${first.obstacleId}`).selectOption('keep');
      await page.locator('#rules-form button[type=submit]').click();
      await page.locator('#field-sideShare-1-maxPercent-error').waitFor();
      expect(await page.locator('.schakel-error-summary a[href="#field-sideShare-1-maxPercent"]').count()).toBe(1);
      expect(await page.locator('#field-sideShare-1-maxPercent').getAttribute('aria-invalid')).toBe('true');
      const unchanged = await round();
      expect(unchanged.version).toBe(before.version);
      expect(unchanged.rules).toEqual({});
      expect(unchanged.candidates.every((c) => c.must === null)).toBe(true);
      // The values typed are kept; corrected, with a limit per theme, keep, leave out and a budget.
      expect(await page.locator(`#field-must-${first.obstacleId}`).inputValue()).toBe('keep');
      await page.locator('#field-sideShare-1-minPercent').fill('25');
      await page.locator('#field-sideShare-1-maxPercent').fill('75');
      await page.locator('#field-maxPerTheme').fill('2');
      await page.locator(`#field-must-${last.obstacleId}`).selectOption('exclude');
      await page.locator('#field-effortBudget').fill('10');
      await page.locator('#rules-form button[type=submit]').click();
      await page.waitForURL('**?done=rules*');
      expect(await page.locator('#setup-done').count()).toBe(1);
      const saved = await round();
      expect(saved.version).toBe(before.version + 1);
      expect(saved.rules).toEqual({ sideShare: [{ side, minPercent: 25, maxPercent: 75 }], maxPerTheme: 2 });
      expect(saved.effortBudget).toBe(10);
      expect(saved.candidates.map((c) => c.must)).toEqual(['keep', null, null, 'exclude']);
      const sentences = await page.locator('#rule-sentences li').allTextContents();
      expect(sentences).toEqual([
        `${side}: tussen 25% en 75% van de portefeuille.`,
        'Hoogstens 2 obstakels per thema.',
        `Altijd gekozen: ${first.reference}.`,
        `Nooit gekozen: ${last.reference}.`,
        'De totale inspanning is hoogstens 10.',
      ]);
      // The form shows the rules in force.
      expect(await page.locator('#field-maxPerTheme').inputValue()).toBe('2');
      expect(await page.locator(`#field-must-${last.obstacleId}`).inputValue()).toBe('exclude');

      // Someone else changes the round meanwhile: the weight is not saved, and the page says why.
      const other = await running.app.inject({
        method: 'PATCH',
        url: `${BASE}/${roundId}`,
        headers: { ...secretariat, 'if-match': `"${saved.version}"` },
        payload: { name: 'Ronde opzet 2027' },
      });
      expect(other.statusCode).toBe(200);
      await page.locator('#field-weight-impact').fill('50');
      await page.locator('#setup-form button[type=submit]').click();
      await page.locator('#round-changed').waitFor();
      expect((await round()).criteria[0]).toEqual({ key: 'impact', weight: 30 });

      // Reloaded, the weight and the aggregation are changed.
      await page.locator('#round-changed a').click();
      await page.waitForURL(`**/selection-rounds/${roundId}`);
      await page.locator('#field-weight-impact').fill('50');
      await page.locator('#field-aggregation-median').check();
      await page.locator('#setup-form button[type=submit]').click();
      await page.waitForURL('**?done=setup*');
      const weighted = await round();
      expect(weighted.criteria[0]).toEqual({ key: 'impact', weight: 50 });
      expect(weighted.aggregation).toBe('median');
      expect(await page.locator('#round-facts').textContent()).toContain('Impact 50');
    } finally {
      await context.close();
    }
  }, 90_000);

  it('lets a partner upload its filled-in sheet; a bad cell is refused naming the cell', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.partner, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: `/selection-rounds/${roundId}/scores` },
      );
      // The rules in sentences for every reader; the forms only for the secretariat.
      await goto(page, `/selection-rounds/${roundId}`, false);
      expect(await page.locator('#rule-sentences li').allTextContents()).toContain('Hoogstens 2 obstakels per thema.');
      expect(await page.locator('#rules-form, #setup-form').count()).toBe(0);
      await goto(page, `/selection-rounds/${roundId}/scores`, false);
      expect(await page.locator('#own-progress').textContent()).toContain('0 van 20');
      const href = (await page.locator('#xlsx-link').getAttribute('href')) as string;
      // A score of 9 in E4: refused, the cell named in the summary and beside the field; nothing saved.
      await upload(page, await filledSheet(page, href, { cell: 'E4', value: 9 }));
      await page.locator('#upload-errors').waitFor();
      expect(await page.locator('.schakel-error-summary').textContent()).toContain('Scores!E4');
      expect(await page.locator('#upload-errors').textContent()).toContain('Cel Scores!E4');
      expect(await page.locator('#field-file').getAttribute('aria-invalid')).toBe('true');
      const none = await running.app.inject({ url: `${BASE}/${roundId}/scores?organisation=nl-li`, headers: secretariat });
      expect(none.json().items).toEqual([]);
      // No file at all: the page's own refusal.
      await page.locator('#upload-form button[type=submit]').click();
      await page.locator('#upload-errors').waitFor();
      expect(await page.locator('#upload-errors').textContent()).toContain('Kies het ingevulde blad');
      // The good sheet: 20 scores saved, said with the partner's progress.
      await upload(page, await filledSheet(page, href));
      await page.waitForURL('**/scores?uploaded=20');
      expect(await page.locator('#upload-done').textContent()).toContain('20 scores uit het blad opgeslagen');
      expect(await page.locator('#own-progress').textContent()).toContain('20 van 20');
      const scores = await running.app.inject({ url: `${BASE}/${roundId}/scores?organisation=nl-li`, headers: secretariat });
      expect(scores.json().items).toHaveLength(20);
      expect(await page.locator('#score-grid select[aria-invalid]').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('names the conflicting rules of an infeasible rule set once solved', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.secretariat, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: `/selection-rounds/${roundId}` },
      );
      // Two per sub-region with room for two, and one of the Flemish candidates left out: cannot hold.
      await page.locator('#field-minPerSubRegion').fill('2');
      await page.locator('#rules-form button[type=submit]').click();
      await page.waitForURL('**?done=rules*');
      expect(await page.locator('#rule-sentences').textContent()).toContain('Minstens 2 obstakels in elke deelregio.');
      await page.locator('#solve-form button[type=submit]').click();
      await page.waitForURL('**?done=solve');
      for (let i = 0; i < 100 && (await page.locator('#solution-list li[data-status="running"]').count()) > 0; i++) {
        await page.waitForTimeout(200);
        await goto(page, `/selection-rounds/${roundId}`, false);
      }
      expect(await page.locator('#solution-list li[data-solution]').getAttribute('data-status')).toBe('infeasible');
      await page.locator('#solution-list li[data-solution] a').click();
      await page.waitForURL(`**/selection-rounds/${roundId}/solutions/*`);
      const conflicts = await page.locator('#conflict-list li').allTextContents();
      expect(conflicts.length).toBeGreaterThan(0);
      expect(conflicts.join(' | ')).toContain('minimum per deelregio');
    } finally {
      await context.close();
    }
  }, 90_000);

  it('has no axe violations on the set-up forms and the upload, in every state, in any language', async () => {
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
        await goto(page, `/selection-rounds/${roundId}`, true);
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        expect(await page.locator('#rules-form').count()).toBe(1);
        expect(await page.locator('#setup-form').count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
        // The rules refused (beside the fields), a limit for all and per key (the form's own words).
        await page.locator('#field-sideShare-0-minPercent').fill('90');
        await page.locator('#field-sideShare-0-maxPercent').fill('10');
        await page.locator('#rules-form button[type=submit]').click();
        await page.locator('#field-sideShare-0-maxPercent-error').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await goto(page, `/selection-rounds/${roundId}`, true);
        await page.locator('#field-maxPerTheme-taxation').fill('1');
        await page.locator('#field-maxPerTheme').fill('1');
        await page.locator('#rules-form button[type=submit]').click();
        await page.locator('#field-maxPerTheme-error').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        // The set-up refused (a negative weight), then saved.
        await goto(page, `/selection-rounds/${roundId}`, true);
        await page.locator('#field-weight-urgency').fill('-1');
        await page.locator('#setup-form button[type=submit]').click();
        await page.locator('#field-weight-urgency-error').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        await page.locator('#field-weight-urgency').fill('20');
        await page.locator('#setup-form button[type=submit]').click();
        await page.locator('#setup-done').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        // The upload on behalf of the partner: refused (a bad cell), then saved.
        await goto(page, `/selection-rounds/${roundId}/scores?organisation=nl-li`, true);
        expect(await axeViolations(page)).toEqual([]);
        const href = (await page.locator('#xlsx-link').getAttribute('href')) as string;
        await upload(page, await filledSheet(page, href, { cell: 'D3', value: 0 }));
        await page.locator('#upload-errors').waitFor();
        expect(await page.locator('#upload-errors').textContent()).toContain('Scores!D3');
        expect(await axeViolations(page)).toEqual([]);
        await upload(page, await filledSheet(page, href));
        await page.locator('#upload-done').waitFor();
        expect(await page.locator('#upload-done').textContent()).toContain('20');
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }, 240_000);
});
