/**
 * Chromium for the journeys: Debian's `chromium` driven by playwright-core (no downloaded
 * browser). Without one the journeys are skipped, except under CI, where they fail.
 */
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const chromiumPath: string | undefined = CANDIDATES.find((path): path is string => Boolean(path && existsSync(path)));
export const requireBrowser = Boolean(process.env.CI);
/** Run the journeys: a Chromium was found, or CI requires them (and then they fail without one). */
export const runJourneys = chromiumPath !== undefined || requireBrowser;

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) {
    throw new Error('No Chromium found (looked for $CHROMIUM_PATH, /usr/bin/chromium); CI requires the browser journeys.');
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export const LANGUAGES = ['nl', 'fr', 'de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** axe with the WCAG 2.1 A and AA rules; returns the violations (the tests expect none). */
export async function axeViolations(page: Page): Promise<string[]> {
  const results: AxeResults = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map(
    (violation) =>
      `${page.url()} ${violation.id}: ${violation.help} — ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(' | ')}`,
  );
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/** Waits until React has hydrated the page (with JavaScript on), so clicks reach React's handlers. */
export async function waitForHydration(page: Page, javaScript: boolean): Promise<void> {
  if (!javaScript) return;
  await page.waitForSelector('html[data-hydrated="true"]', { state: 'attached', timeout: 60_000 });
}

/** How far the page is wider than the window, in CSS pixels (0 or less: no sideways scrolling). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

/** The id and classes of the element that has the focus. */
export function focused(page: Page): Promise<{ id: string; className: string }> {
  return page.evaluate<{ id: string; className: string }>(
    '({ id: document.activeElement?.id ?? "", className: String(document.activeElement?.className ?? "") })',
  );
}

/**
 * Watches a context's pages for what must never happen: a Content-Security-Policy violation (the
 * browser's `securitypolicyviolation` event, and its console report), an uncaught error, or any
 * console error other than a failed resource load (a 404 or 400 answer the page expects). Call
 * before opening pages; `problems` grows as they happen.
 */
export async function watchForProblems(context: BrowserContext): Promise<{ problems: string[] }> {
  const problems: string[] = [];
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
    problems.push(`CSP: ${text}`);
  });
  // Runs in the page before its own scripts (a string: this file is typechecked without the DOM).
  await context.addInitScript(`document.addEventListener('securitypolicyviolation', (event) => {
    window.__reportCspViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') + ' on ' + location.pathname);
  });`);
  const watch = (page: Page) => {
    page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (/^Failed to load resource: the server responded with a status of (400|401|403|404|409|410|412|429)/.test(text)) return;
      problems.push(`console error on ${page.url()}: ${text}`);
    });
  };
  for (const page of context.pages()) watch(page);
  context.on('page', watch);
  return { problems };
}

/** Signs in through the sign-in page (with or without JavaScript) and waits for the page it goes to. */
export async function signInThroughPage(
  page: Page,
  baseUrl: string,
  credentials: { email: string; password: string },
  options: { javaScript: boolean; returnTo?: string },
): Promise<void> {
  const query = options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : '';
  await page.goto(`${baseUrl}/sign-in${query}`);
  await waitForHydration(page, options.javaScript);
  await page.locator('#field-email').fill(credentials.email);
  await page.locator('#field-password').fill(credentials.password);
  await page.locator('#sign-in-form button[type=submit]').click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  await waitForHydration(page, options.javaScript);
  await page.locator('.schakel-account form[action="/sign-out"]').waitFor({ state: 'attached' });
}
