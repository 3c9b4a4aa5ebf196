/**
 * Browser journeys through the register, with JavaScript on and off, and axe (WCAG 2.1 A and AA)
 * on every page in all four languages, with no Content-Security-Policy violation. The real app on
 * a temp SQLite database with the demo data and demo users; who reports or edits signs in first.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nl } from '../src/web/i18n/nl.js';
import { bearer } from '../test-support/access.js';
import {
  axeViolations,
  focused,
  horizontalOverflow,
  LANGUAGES,
  type Language,
  runJourneys,
  signInThroughPage,
  waitForHydration,
  watchForProblems,
} from './support/browser.js';
import { useJourney } from './support/journey.js';
import { DEMO, DEMO_PASSWORD, type RunningApp } from './support/start-app.js';

const H1: Record<Language, { register: string; home: string }> = {
  nl: { register: 'Register van grensbelemmeringen', home: 'Grensbelemmeringen samen aanpakken' },
  fr: { register: 'Registre des obstacles transfrontaliers', home: 'Lever ensemble les obstacles transfrontaliers' },
  de: { register: 'Register der Grenzhindernisse', home: 'Grenzhindernisse gemeinsam abbauen' },
  en: { register: 'Register of cross-border obstacles', home: 'Tackling cross-border obstacles together' },
};

// Skipped only where no Chromium is installed and CI is not set (runJourneys in support/browser.ts);
// under CI a missing Chromium fails the run instead, so the journeys are required there.
describe.skipIf(!runJourneys)('the register in a browser', () => {
  const journey = useJourney();
  let running: RunningApp;
  let browser: Browser;
  let someReference: string;
  /** An API token of a secretariat user: "someone else" who changes obstacles meanwhile. */
  let secretariat: { authorization: string };

  beforeAll(async () => {
    // Under CI a missing Chromium is a failure, not a skip: launchBrowser throws with the reason.
    ({ running, browser } = journey);
    secretariat = await bearer(running.database, 'secretariat');
    const list = await running.app.inject({ method: 'GET', url: '/api/v1/obstacles?limit=1&sort=reference' });
    someReference = list.json().items[0].reference;
  }, 120_000);

  async function newContext(options: { javaScript?: boolean; language?: Language; width?: number } = {}) {
    const context = await browser.newContext({
      javaScriptEnabled: options.javaScript ?? true,
      locale: 'nl-NL',
      viewport: { width: options.width ?? 1280, height: 900 },
    });
    if (options.language) {
      await context.addCookies([{ name: 'lang', value: options.language, url: running.baseUrl }]);
    }
    return context;
  }

  async function open(context: BrowserContext, path: string, javaScript = true): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${running.baseUrl}${path}`);
    await waitForHydration(page, javaScript);
    return page;
  }

  async function createViaApi(title: string): Promise<string> {
    const response = await running.app.inject({
      method: 'POST',
      url: '/api/v1/obstacles',
      headers: { 'content-type': 'application/json', ...secretariat },
      payload: {
        title: { nl: title },
        summary: { nl: 'Een samenvatting om te wijzigen.' },
        sourceLanguage: 'nl',
        visibility: 'public',
        reporter: { type: 'citizen' },
        segment: 'nl-vl',
        themes: ['cross_border_work'],
        type: 'legal',
      },
    });
    expect(response.statusCode).toBe(201);
    return response.json().reference;
  }

  async function total(): Promise<number> {
    return (await running.app.inject({ method: 'GET', url: '/api/v1/obstacles?limit=1' })).json().total;
  }

  describe('axe, WCAG 2.1 A and AA, in every language', () => {
    it.each(LANGUAGES)(
      'has no violations on any page in %s, and no CSP violation',
      async (language) => {
        const context = await newContext({ language });
        const watched = await watchForProblems(context);
        try {
          // Signed in as the secretariat, who may report and edit (the public is sent to sign in).
          const signIn = await context.newPage();
          await signInThroughPage(
            signIn,
            running.baseUrl,
            { email: DEMO.secretariat, password: DEMO_PASSWORD },
            { javaScript: true },
          );
          await signIn.close();
          const violations: string[] = [];
          const paths = [
            '/',
            '/obstacles',
            '/obstacles?q=grensarbeiders&sort=relevance',
            '/obstacles?q=zzzqqxx-nothing',
            `/obstacles/${someReference}`,
            '/obstacles/new',
            `/obstacles/${someReference}/edit`,
            '/no-such-page',
            '/obstacles/GB-1999-9999',
          ];
          for (const path of paths) {
            const page = await open(context, path);
            expect(await page.getAttribute('html', 'lang')).toBe(language);
            expect(await page.locator('h1').count()).toBe(1);
            expect(await page.title()).toMatch(/ – Schakel$/);
            violations.push(...(await axeViolations(page)));
            if (path === '/obstacles/new') {
              await page.locator('#obstacle-form button[type=submit]').click();
              await page.locator('.schakel-error-summary').waitFor();
              violations.push(...(await axeViolations(page)));
            }
            await page.close();
          }
          expect(violations).toEqual([]);
          expect(watched.problems).toEqual([]);
        } finally {
          await context.close();
        }
      },
      180_000,
    );
  });

  it('fits a 320 px wide screen without sideways scrolling', async () => {
    const context = await newContext({ width: 320 });
    try {
      for (const path of ['/', '/obstacles', `/obstacles/${someReference}`, '/obstacles/new']) {
        const page = await open(context, path);
        const overflow = await horizontalOverflow(page);
        expect(overflow, path).toBeLessThanOrEqual(0);
        await page.close();
      }
    } finally {
      await context.close();
    }
  }, 60_000);

  describe.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ] as const)('%s', (_name, javaScript) => {
    it('searches, filters, pages and widens an empty result', async () => {
      const context = await newContext({ javaScript });
      try {
        const all = await total();
        const page = await open(context, '/obstacles', javaScript);
        // Paging, 20 per page (34 demo obstacles and those the other journeys made).
        expect(await page.locator('.schakel-result').count()).toBe(20);
        await page.locator('a[rel=next]').click();
        await page.waitForURL(/cursor=/);
        await waitForHydration(page, javaScript);
        await expect.poll(() => page.locator('.schakel-result').count()).toBe(Math.min(20, all - 20));
        expect(await page.locator('.schakel-pagination a').first().textContent()).toBe(nl.list.first);

        await page.goto(`${running.baseUrl}/obstacles`);
        await waitForHydration(page, javaScript);
        await page.locator('#search-q').fill('grensarbeiders');
        await page.locator('#search-q').press('Enter');
        await page.waitForURL(/q=grensarbeiders/);
        await waitForHydration(page, javaScript);
        await expect.poll(() => page.locator('#search-q').inputValue()).toBe('grensarbeiders');
        await expect.poll(() => page.locator('.schakel-result').count()).toBeLessThan(20);
        const found = await page.locator('.schakel-result').count();
        expect(found).toBeGreaterThan(0);

        const status = page.locator('input[name=status]').first();
        const statusKey = (await status.getAttribute('value')) ?? '';
        await status.check();
        if (!javaScript) await page.locator('.schakel-register button[type=submit]').click();
        await page.waitForURL(new RegExp(`status=${statusKey}`));
        await waitForHydration(page, javaScript);
        expect(page.url()).toContain('q=grensarbeiders');
        await expect.poll(() => page.locator('.schakel-result').count()).toBeLessThanOrEqual(found);
        const badges = await page.locator('.schakel-result .schakel-badge').allTextContents();
        expect(badges.length).toBeGreaterThan(0);
        expect(new Set(badges)).toEqual(new Set([nl.status[statusKey as keyof typeof nl.status]]));
        expect(await page.locator(`input[name=status][value=${statusKey}]`).isChecked()).toBe(true);

        // The URL holds the filters: opened afresh, it shows the same result.
        const shared = await open(context, new URL(page.url()).pathname + new URL(page.url()).search, javaScript);
        expect(await shared.locator('.schakel-result').count()).toBe(badges.length);

        await page.goto(`${running.baseUrl}/obstacles?q=zzzqqxx-nothing&status=reported`);
        await waitForHydration(page, javaScript);
        expect(await page.locator('.schakel-result').count()).toBe(0);
        expect(await page.locator('.schakel-empty h2').textContent()).toBe(nl.list.emptyTitle);
        await page.locator('.schakel-empty a').click();
        await page.waitForURL(/\/obstacles$/);
        await expect.poll(() => page.locator('.schakel-result').count()).toBe(20);
      } finally {
        await context.close();
      }
    }, 60_000);

    it('reports an obstacle as a partner: errors first, then success, for its organisation', async () => {
      const context = await newContext({ javaScript });
      try {
        const before = await total();
        const page = await context.newPage();
        await signInThroughPage(page, running.baseUrl, { email: DEMO.partner, password: DEMO_PASSWORD }, { javaScript });
        await page.goto(`${running.baseUrl}/obstacles/new`);
        await waitForHydration(page, javaScript);
        await page.locator('#obstacle-form button[type=submit]').click();
        const summary = page.locator('.schakel-error-summary');
        await summary.waitFor();
        await expect.poll(async () => (await focused(page)).className).toContain('schakel-error-summary');
        expect(await page.title()).toContain(nl.form.errorSummary);
        for (const field of ['title-nl', 'segment', 'themes', 'type']) {
          expect(await summary.locator(`a[href="#field-${field}"]`).count(), field).toBe(1);
        }
        // Dutch through and through: the API's list of allowed keys (legal, administrative…) is not shown.
        expect(await summary.textContent()).toContain(nl.form.chooseOne);
        expect(await summary.textContent()).not.toMatch(/administrative|infrastructure/);
        expect(await page.locator('#field-title-nl-error').isVisible()).toBe(true);
        expect(await page.locator('#field-title-nl').getAttribute('aria-invalid')).toBe('true');
        expect(await total()).toBe(before);

        await summary.locator('a[href="#field-segment"]').click();
        if (javaScript) {
          await expect.poll(async () => (await focused(page)).id).toBe('field-segment');
        } else {
          expect(page.url()).toMatch(/#field-segment$/);
        }

        const title = `Erkenning diploma’s verpleegkundigen ${javaScript ? 'js' : 'html'}`;
        await page.locator('#field-title-nl').fill(title);
        await page.locator('#field-summary-nl').fill('Verpleegkundigen met een Vlaams diploma wachten maanden op erkenning.');
        await page.locator('#field-segment').selectOption('nl-vl');
        await page.locator('input[name=themes][value=cross_border_work]').check();
        await page.locator('input[name=type][value=administrative]').check();
        await page.locator('#obstacle-form button[type=submit]').click();
        await page.waitForURL(/\/obstacles\/GB-\d{4}-\d{4}\?saved=created$/);
        await waitForHydration(page, javaScript);
        await expect.poll(() => page.locator('h1').textContent()).toBe(title);
        expect(await page.locator('.utrecht-alert').textContent()).toContain(nl.detail.created);
        expect(await total()).toBe(before + 1);
        const reference = new URL(page.url()).pathname.split('/')[2];
        const made = await running.app.inject({ method: 'GET', url: `/api/v1/obstacles/${reference}`, headers: secretariat });
        // A partner's report is its organisation's (Demo Provincie Limburg: nl-li), so it may edit it.
        expect(made.json().reporter.organisation).toBe('nl-li');
        expect(await page.locator(`a[href="/obstacles/${reference}/edit"]`).count()).toBe(1);
      } finally {
        await context.close();
      }
    }, 60_000);

    it('edits as the secretariat with a conflict: says someone else changed it and reloads', async () => {
      const reference = await createViaApi(`Conflict ${javaScript ? 'js' : 'html'}`);
      const context = await newContext({ javaScript });
      try {
        const page = await context.newPage();
        await signInThroughPage(
          page,
          running.baseUrl,
          { email: DEMO.secretariat, password: DEMO_PASSWORD },
          {
            javaScript,
            returnTo: `/obstacles/${reference}/edit`,
          },
        );
        expect(new URL(page.url()).pathname).toBe(`/obstacles/${reference}/edit`);
        expect(await page.locator('input[name=version]').inputValue()).toBe('1');
        await page.locator('#field-title-nl').fill('Mijn nieuwe titel');

        // Meanwhile someone else saves a change.
        const other = await running.app.inject({
          method: 'PATCH',
          url: `/api/v1/obstacles/${reference}`,
          headers: { 'content-type': 'application/json', 'if-match': '"1"', ...secretariat },
          payload: { summary: { nl: 'Door een collega gewijzigd.' } },
        });
        expect(other.statusCode).toBe(200);

        await page.locator('#obstacle-form button[type=submit]').click();
        const alert = page.locator('.utrecht-alert');
        await alert.waitFor();
        expect(await alert.textContent()).toContain(nl.form.conflictTitle);
        expect(await page.locator('#field-title-nl').inputValue()).toBe('Mijn nieuwe titel');
        expect(await page.locator('input[name=version]').inputValue()).toBe('1');
        // axe needs JavaScript in the page; the same HTML is checked with it on.
        if (javaScript) expect(await axeViolations(page)).toEqual([]);
        const stored = await running.app.inject({ method: 'GET', url: `/api/v1/obstacles/${reference}` });
        expect(stored.json().title.nl).toBe(`Conflict ${javaScript ? 'js' : 'html'}`);

        await alert.locator('a').click();
        await expect.poll(() => page.locator('input[name=version]').inputValue()).toBe('2');
        await waitForHydration(page, javaScript);
        expect(await page.locator('#field-summary-nl').inputValue()).toBe('Door een collega gewijzigd.');
        await page.locator('#field-title-nl').fill('Mijn nieuwe titel');
        await page.locator('#obstacle-form button[type=submit]').click();
        await page.waitForURL(new RegExp(`/obstacles/${reference}\\?saved=updated$`));
        await expect.poll(() => page.locator('h1').textContent()).toBe('Mijn nieuwe titel');
        const saved = (await running.app.inject({ method: 'GET', url: `/api/v1/obstacles/${reference}` })).json();
        expect(saved.version).toBe(3);
        expect(saved.summary.nl).toBe('Door een collega gewijzigd.');
      } finally {
        await context.close();
      }
    }, 60_000);

    it('switches language and remembers it', async () => {
      const context = await newContext({ javaScript });
      try {
        const page = await open(context, '/obstacles?theme=cross_border_work', javaScript);
        expect(await page.getAttribute('html', 'lang')).toBe('nl');
        expect(await page.locator('h1').textContent()).toBe(H1.nl.register);
        await page.locator('.schakel-language a[hreflang=de]').click();
        await page.waitForFunction("document.documentElement.lang === 'de'");
        await waitForHydration(page, javaScript);
        expect(page.url()).toMatch(/\/obstacles\?theme=cross_border_work$/);
        expect(await page.locator('h1').textContent()).toBe(H1.de.register);
        expect(await page.locator('.schakel-language a[aria-current=true]').getAttribute('hreflang')).toBe('de');
        await page.locator('.schakel-nav a[href="/"]').click();
        await page.waitForURL(/\/$/);
        await expect.poll(() => page.locator('h1').textContent()).toBe(H1.de.home);
        const fresh = await open(context, '/', javaScript);
        expect(await fresh.getAttribute('html', 'lang')).toBe('de');
        expect(await fresh.locator('h1').textContent()).toBe(H1.de.home);
      } finally {
        await context.close();
      }
    }, 60_000);
  });
});
