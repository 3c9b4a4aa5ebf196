/**
 * Browser journeys of the half-yearly state of play (issue 6): the secretariat opens a round
 * without JavaScript (an empty title is said beside its field first); the demo department (nl-szw)
 * answers its item without JavaScript (a bad progress is said beside its field, then saved); nl-bzk
 * answers through the API and nl-fin does not; the secretariat reminds (only nl-fin), closes, and
 * the overview names nl-fin as missed and offers the .docx. axe (WCAG 2.1 A and AA) on the list, the
 * round (secretariat; department with its form and a refusal shown) and the overview in all four
 * languages.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/core/access/access.js';
import { createAction } from '../src/core/actions/manage-actions.js';
import { addCalendarDays, addCalendarMonths } from '../src/core/calendar/working-days.js';
import { defaultMonitoringSettings } from '../src/core/monitoring/settings.js';
import { calendarDate, registerObstacle } from '../src/core/obstacles/register-obstacle.js';
import { createPersistence } from '../src/db/unit-of-work.js';
import { bearer } from '../test-support/access.js';
import { axeViolations, LANGUAGES, runJourneys, signInThroughPage, watchForProblems } from './support/browser.js';
import { useJourney } from './support/journey.js';
import { DEMO, DEMO_PASSWORD, type RunningApp } from './support/start-app.js';

const today = calendarDate(new Date());

// Skipped only where no Chromium is installed and CI is not set (runJourneys in support/browser.ts);
// under CI a missing Chromium fails the run instead, so the journeys are required there.
describe.skipIf(!runJourneys)('the state of play in a browser', () => {
  const journey = useJourney();
  const { newContext, goto } = journey;
  let running: RunningApp;
  let bzk: Record<string, string>;
  let roundId = '';

  beforeAll(async () => {
    ({ running } = journey);
    bzk = await bearer(running.database, 'department', 'nl-bzk');
    await bearer(running.database, 'department', 'nl-fin');
    const persistence = createPersistence(running.database, { searchWorkers: 0 });
    const clock = { now: () => new Date() };
    const ids = { newId: () => randomUUID() };
    try {
      const obstacle = await registerObstacle({
        actor: SYSTEM_ACTOR,
        input: {
          title: { nl: 'Grensarbeiders en de AOW', en: 'Frontier workers and the state pension' },
          summary: { nl: 'Wie doet wat, wanneer?' },
          sourceLanguage: 'nl',
          segment: 'nl-vl',
          themes: ['taxation'],
          governments: ['nl', 'vl'],
          type: 'legal',
          visibility: 'partners',
          reportedOn: addCalendarMonths(today, -12),
          reporter: { type: 'citizen', name: 'Mevrouw Melder', email: 'melder@example.org' },
        },
        uow: persistence,
        clock,
        ids,
        importedStatus: 'in_progress',
      });
      for (const [organisation, dueOn] of [
        ['nl-szw', addCalendarDays(today, -20)],
        ['nl-bzk', addCalendarMonths(today, 2)],
        ['nl-fin', addCalendarMonths(today, 3)],
      ] as const) {
        await createAction({
          actor: SYSTEM_ACTOR,
          idOrReference: obstacle.id,
          input: {
            title: { nl: `Regeling aanpassen (${organisation})`, en: `Amend the regulation (${organisation})` },
            sourceLanguage: 'nl',
            owner: { organisation },
            dueOn,
          },
          uow: persistence,
          clock,
          ids,
          settings: defaultMonitoringSettings(),
        });
      }
    } finally {
      await persistence.close();
    }
  }, 120_000);

  it('lets the secretariat open a round without JavaScript, saying what is wrong beside the field', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.secretariat, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: '/state-of-play' },
      );
      expect(await page.locator('nav a[href="/state-of-play"]').count()).toBe(1);
      expect(await page.locator('#rounds-empty').count()).toBe(1);
      await page.locator('#open-round-form button[type=submit]').click();
      await page.locator('#field-title-error').waitFor();
      expect(await page.locator('.schakel-error-summary a[href="#field-title"]').count()).toBe(1);

      await page.locator('#field-title').fill('Stand van zaken 2026-II');
      await page.locator('#field-answerDueOn').fill(addCalendarDays(today, 21));
      await page.locator('#open-round-form button[type=submit]').click();
      await page.waitForURL('**/state-of-play/*?opened=1');
      roundId = new URL(page.url()).pathname.split('/')[2] ?? '';
      expect(await page.locator('[role=status]').textContent()).toContain('departementen');
      expect(await page.locator('#departments-table tbody tr').count()).toBe(3);
      expect(await page.locator('#departments-table tr[data-department="nl-fin"] th').textContent()).toBe(
        'Ministerie van Financiën',
      );
      expect(await page.locator('#remind-form').count()).toBe(1);
      // The secretariat answers for nobody.
      expect(await page.locator('form[id^="answer-form-"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('lets the department answer its own item without JavaScript, a bad progress said beside the field', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.department, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: `/state-of-play/${roundId}` },
      );
      // Only its own item, and only its own department in the table.
      expect(await page.locator('section[data-item]').count()).toBe(1);
      expect(await page.locator('#departments-table tbody tr').count()).toBe(1);
      const form = page.locator('form[id^="answer-form-"]');
      const itemId = (await form.getAttribute('id'))?.replace('answer-form-', '') ?? '';
      await page.locator(`#field-${itemId}-progress`).fill('veel');
      await form.locator('button[type=submit]').click();
      await page.locator(`#field-${itemId}-progress-error`).waitFor();
      expect(await page.locator(`.schakel-error-summary a[href="#field-${itemId}-progress"]`).count()).toBe(1);

      await page.locator(`#field-${itemId}-status`).selectOption('in_progress');
      await page.locator(`#field-${itemId}-progress`).fill('60');
      await page.locator(`#field-${itemId}-forecastOn`).fill(addCalendarMonths(today, 2));
      await page.locator(`#field-${itemId}-note`).fill('Wetsvoorstel ligt bij de Raad van State.');
      await page.locator(`#answer-form-${itemId} button[type=submit]`).click();
      await page.waitForURL(`**/state-of-play/${roundId}?saved=${itemId}#item-${itemId}`);
      expect(await page.locator(`#item-${itemId} [data-answered="true"]`).textContent()).toContain('60 %');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('has no axe violations on the list and the round, for the secretariat and the department, in any language', async () => {
    // nl-bzk answers through the API; nl-fin does not answer at all.
    const round = await running.app.inject({ url: `/api/v1/state-of-play/${roundId}`, headers: bzk });
    const item = round.json().items[0];
    const answered = await running.app.inject({
      method: 'PUT',
      url: `/api/v1/state-of-play/${roundId}/items/${item.id}/answer`,
      payload: { status: 'planned', progress: 0, forecastOn: addCalendarMonths(today, 3) },
      headers: { ...bzk, 'if-match': `"${item.version}"` },
    });
    expect(answered.statusCode).toBe(200);
    // axe runs its checks asynchronously in the page, so it needs JavaScript on.
    for (const language of LANGUAGES) {
      for (const who of [DEMO.secretariat, DEMO.department]) {
        const context = await newContext(true, language);
        const { problems } = await watchForProblems(context);
        try {
          const page = await context.newPage();
          await signInThroughPage(page, running.baseUrl, { email: who, password: DEMO_PASSWORD }, { javaScript: true });
          await goto(page, '/state-of-play', true);
          expect(await page.locator('html').getAttribute('lang')).toBe(language);
          expect(await axeViolations(page)).toEqual([]);
          await goto(page, `/state-of-play/${roundId}`, true);
          expect(await axeViolations(page)).toEqual([]);
          if (who === DEMO.department) {
            // A refusal shown (with JavaScript): the error summary and the field's message.
            const form = page.locator('form[id^="answer-form-"]');
            const itemId = (await form.getAttribute('id'))?.replace('answer-form-', '') ?? '';
            await page.locator(`#field-${itemId}-forecastOn`).fill('');
            await form.locator('button[type=submit]').click();
            await page.locator(`#field-${itemId}-forecastOn-error`).waitFor();
            expect(await axeViolations(page)).toEqual([]);
          }
          expect(problems).toEqual([]);
        } finally {
          await context.close();
        }
      }
    }
  }, 240_000);

  it('reminds only the department that has not answered, closes, and names it as missed in the overview', async () => {
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(
        page,
        running.baseUrl,
        { email: DEMO.secretariat, password: DEMO_PASSWORD },
        { javaScript: false, returnTo: `/state-of-play/${roundId}` },
      );
      await page.locator('#remind-form button[type=submit]').click();
      await page.waitForURL(`**/state-of-play/${roundId}?reminded=nl-fin`);
      expect(await page.locator('#reminded-notice').textContent()).toContain('Ministerie van Financiën');
      expect(await page.locator('#reminded-notice').textContent()).not.toContain('Binnenlandse');

      await page.locator('#close-form button[type=submit]').click();
      await page.waitForURL(`**/state-of-play/${roundId}/overview`);
      expect(await page.locator('#missed-list li').count()).toBe(1);
      expect(await page.locator('#missed-list li[data-department="nl-fin"]').textContent()).toBe('Ministerie van Financiën');
      expect(await page.locator('#answers-table tr[data-answered="false"]').count()).toBe(1);
      expect(await page.locator('#answers-table').textContent()).toContain('Wetsvoorstel ligt bij de Raad van State.');
      const href = await page.locator('#overview-downloads a[hreflang="nl"]').getAttribute('href');
      expect(href).toBe(`/api/v1/state-of-play/${roundId}/overview.docx?lang=nl`);
      const file = await page.request.get(`${running.baseUrl}${href}`);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      // Frozen: no more forms on the round.
      await goto(page, `/state-of-play/${roundId}`, false);
      expect(await page.locator('#remind-form, #close-form').count()).toBe(0);
      expect(await page.locator('#overview-link').count()).toBe(1);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('has no axe violations on the overview in any language, and refuses the pages to a partner', async () => {
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
        await goto(page, `/state-of-play/${roundId}/overview`, true);
        expect(await page.locator('html').getAttribute('lang')).toBe(language);
        expect(await page.locator('#missed-list li').count()).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }
    const context = await newContext(false);
    try {
      const page = await context.newPage();
      await signInThroughPage(page, running.baseUrl, { email: DEMO.partner, password: DEMO_PASSWORD }, { javaScript: false });
      expect(await page.locator('nav a[href="/state-of-play"]').count()).toBe(0);
      const refused = await goto(page, `/state-of-play/${roundId}`, false);
      expect(refused?.status()).toBe(403);
    } finally {
      await context.close();
    }
  }, 180_000);
});
