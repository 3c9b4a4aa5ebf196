/**
 * Chromium for the journeys: Debian's `chromium` driven by playwright-core (no downloaded
 * browser). Without one the journeys are skipped, except under CI, where they fail.
 */
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
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
