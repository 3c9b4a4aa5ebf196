/**
 * The set-up every browser journey shares: the real app (startApp) and Chromium started once per
 * file, closed after it; contexts with or without JavaScript in a chosen language; a page opened
 * and hydrated; JSON calls to the API through `app.inject` for the data a journey needs before the
 * page is the point; and the way an obstacle is brought through intake and analysis.
 *
 * Call `useJourney()` inside the journey's `describe`: its `beforeAll` runs before the file's own,
 * so `journey.running` and `journey.browser` are there when the file's set-up starts.
 */
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { AppDeps } from '../../src/server/build-app.js';
import { type Language, launchBrowser } from './browser.js';
import { type RunningApp, startApp } from './start-app.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A JSON call to the API; an answer of 300 or more fails the test with its body. */
// biome-ignore lint/suspicious/noExplicitAny: journeys read the answers loosely, as the tests they replace did
export type ApiCall = (method: Method, url: string, payload?: object) => Promise<any>;

export interface Journey {
  readonly running: RunningApp;
  readonly browser: Browser;
  /** A new browser context, JavaScript on or off, in `language` (the `lang` cookie) when given. */
  newContext(javaScript: boolean, language?: Language): Promise<BrowserContext>;
  /** Opens `path` of the app and waits for hydration when JavaScript is on. */
  goto(page: Page, path: string, javaScript: boolean): Promise<Response | null>;
  /** API calls with `headers()` (read when called, so a bearer set in `beforeAll` counts); writes send `If-Match: *`. */
  api(headers: () => Record<string, string>): ApiCall;
}

/** `options`: more of buildApp's dependencies for this file's app (for example identity providers). */
export function useJourney(options: Partial<Omit<AppDeps, 'database'>> = {}): Journey {
  let running: RunningApp | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    [running, browser] = await Promise.all([startApp(options), launchBrowser()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  const journey: Journey = {
    get running(): RunningApp {
      if (!running) throw new Error('the app is not started: call useJourney() inside the describe');
      return running;
    },
    get browser(): Browser {
      if (!browser) throw new Error('the browser is not started: call useJourney() inside the describe');
      return browser;
    },
    async newContext(javaScript, language) {
      const context = await journey.browser.newContext({
        javaScriptEnabled: javaScript,
        locale: 'nl-NL',
        viewport: { width: 1280, height: 900 },
      });
      if (language) await context.addCookies([{ name: 'lang', value: language, url: journey.running.baseUrl }]);
      return context;
    },
    async goto(page, path, javaScript) {
      const response = await page.goto(`${journey.running.baseUrl}${path}`);
      if (javaScript) {
        await page.waitForSelector('html[data-hydrated="true"]', { state: 'attached', timeout: 60_000 });
      }
      return response;
    },
    api(headers) {
      return async (method, url, payload) => {
        const response = await journey.running.app.inject({
          method,
          url,
          headers: { ...headers(), ...(method === 'GET' ? {} : { 'if-match': '*' }) },
          ...(payload ? { payload } : {}),
        });
        expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
        return response.statusCode === 204 ? undefined : response.json();
      };
    },
  };
  return journey;
}

/** An analysis complete enough for `proposed` (every section the lifecycle asks for). */
export const ANALYSIS = {
  description: { nl: 'De regels van beide kanten sluiten niet op elkaar aan.' },
  solutions: { nl: 'Een uitzondering in de regeling.' },
  derogation: { possible: true, explanation: { nl: 'Een afwijkingsbepaling kan dit oplossen.' } },
  otherAspects: { nl: 'Kosten zijn beperkt.' },
  references: [{ title: 'b-solutions rapport', url: 'https://example.org/rapport' }],
};

/**
 * Takes a reported obstacle through intake and analysis (the analysis above, one Dutch provision
 * citing `citation`), then on through the statuses of `to` (for example `['proposed', 'selected']`).
 */
export async function analyse(
  api: ApiCall,
  id: string,
  { citation, to: next = [] }: { citation: string; to?: readonly string[] },
): Promise<void> {
  for (const to of ['intake', 'analysis']) await api('POST', `/api/v1/obstacles/${id}/transitions`, { to });
  await api('PATCH', `/api/v1/obstacles/${id}`, {
    analysis: ANALYSIS,
    provisions: [{ side: 'NL', citation, level: 'national' }],
  });
  for (const to of next) await api('POST', `/api/v1/obstacles/${id}/transitions`, { to });
}
