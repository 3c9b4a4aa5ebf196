/**
 * Browser journeys of notifications (issue 6): a department user sees the unread count in the
 * header, reads the inbox (newest first, only the unread with the filter), marks one and then all
 * read, and chooses the language of their mails and digest only on the account page; without
 * JavaScript and with it. axe (WCAG 2.1 A and AA) on the inbox and the account page in all four
 * languages.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../src/core/notifications/notify.js';
import { createPersistence } from '../src/db/unit-of-work.js';
import { nl } from '../src/web/i18n/nl.js';
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

// Skipped only where no Chromium is installed and CI is not set (runJourneys in support/browser.ts);
// under CI a missing Chromium fails the run instead, so the journeys are required there.
describe.skipIf(!runJourneys)('the inbox in a browser', () => {
  const journey = useJourney();
  const { goto } = journey;
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    ({ running, browser } = journey);
  }, 120_000);

  async function userId(email: string): Promise<string> {
    const row = await running.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    return row.id;
  }

  /** Notifies a user `count` times (routing requests of GB-2026-9001, 9002, …), through the use case. */
  async function tell(email: string, count: number, first = 9001): Promise<void> {
    const persistence = createPersistence(running.database, { searchWorkers: 0 });
    const id = await userId(email);
    try {
      for (let i = 0; i < count; i++) {
        const reference = `GB-2026-${first + i}`;
        await persistence.transaction((repositories) =>
          notify(
            repositories,
            { ids: { newId: () => randomUUID() }, at: new Date(Date.now() + i) },
            {
              recipients: { users: [id] },
              kind: 'routing_request',
              params: { reference, titles: { nl: `Proef ${first + i}` }, dueDate: '2026-12-31', organisation: 'nl-szw' },
              link: `/obstacles/${reference}`,
            },
          ),
        );
      }
    } finally {
      await persistence.close();
    }
  }

  async function newContext(javaScript: boolean) {
    return browser.newContext({ javaScriptEnabled: javaScript, locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
  }

  for (const javaScript of [false, true]) {
    it(`reads the inbox, marks one and then all read, and sets the preferences (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const email = javaScript ? DEMO.department : DEMO.partner;
      await tell(email, 3, javaScript ? 9101 : 9001);
      const context = await newContext(javaScript);
      const watcher = await watchForProblems(context);
      try {
        const page = await context.newPage();
        await signInThroughPage(page, running.baseUrl, { email, password: DEMO_PASSWORD }, { javaScript });
        expect(await page.locator('#site-inbox .schakel-badge').textContent()).toBe('3');

        await page.locator('#site-inbox').click();
        await page.waitForURL((url) => url.pathname === '/inbox');
        await waitForHydration(page, javaScript);
        expect(await page.locator('#inbox-count').textContent()).toBe(nl.inbox.unreadCount.replace('{{count}}', '3'));
        const subjects = await page.locator('.schakel-inbox__subject').allTextContents();
        const newest = javaScript ? 'GB-2026-9103' : 'GB-2026-9003';
        expect(subjects[0]).toContain(newest);
        expect(subjects).toHaveLength(3);
        expect(await page.locator('.schakel-inbox__subject a').first().getAttribute('href')).toBe(`/obstacles/${newest}`);

        await page
          .locator('.schakel-inbox__item')
          .first()
          .getByRole('button', { name: /gelezen/ })
          .click();
        await page.locator('#inbox-count', { hasText: nl.inbox.unreadCount.replace('{{count}}', '2') }).waitFor();
        expect(await page.locator('.schakel-inbox__item--unread').count()).toBe(2);
        expect(await page.locator('#site-inbox .schakel-badge').textContent()).toBe('2');

        await goto(page, '/inbox?unread=true', javaScript);
        expect(await page.locator('.schakel-inbox__item').count()).toBe(2);
        await page.locator('#inbox-read-all button').click();
        await page.locator('#inbox-count', { hasText: nl.inbox.noneUnread }).waitFor();
        expect(await page.locator('.schakel-inbox__item').count()).toBe(0);
        expect(await page.locator('#site-inbox .schakel-badge').count()).toBe(0);

        await goto(page, '/account', javaScript);
        expect(await page.getByText(nl.account.mailOff).count()).toBe(1);
        await page.locator('#field-language').selectOption('de');
        await page.locator('#field-digestOnly-true').check();
        await page.locator('#preferences-form button[type=submit]').click();
        await page.getByText(nl.account.preferencesSaved).waitFor();
        expect(await page.locator('#field-language').inputValue()).toBe('de');
        expect(await page.locator('#field-digestOnly-true').isChecked()).toBe(true);
        const stored = await running.database.db
          .selectFrom('users')
          .select(['language', 'digest_only'])
          .where('email', '=', email)
          .executeTakeFirstOrThrow();
        expect(stored).toEqual({ language: 'de', digest_only: 1 });
        expect(watcher.problems).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);
  }

  it('has no axe violations on the inbox (with unread notifications and empty) and the account page, in four languages', async () => {
    await tell(DEMO.observer, 2, 9201);
    const context = await newContext(true);
    try {
      const page = await context.newPage();
      await signInThroughPage(page, running.baseUrl, { email: DEMO.observer, password: DEMO_PASSWORD }, { javaScript: true });
      const violations: string[] = [];
      for (const language of LANGUAGES) {
        await context.addCookies([{ name: 'lang', value: language, url: running.baseUrl }]);
        for (const path of ['/inbox', '/inbox?unread=true', '/account']) {
          await goto(page, path, true);
          expect(await page.locator('html').getAttribute('lang')).toBe(language);
          violations.push(...(await axeViolations(page)));
        }
      }
      await goto(page, '/inbox?unread=true', true);
      await page.locator('#inbox-read-all button').click();
      await page.locator('.schakel-inbox__item').first().waitFor({ state: 'detached' });
      violations.push(...(await axeViolations(page)));
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  }, 150_000);
});
