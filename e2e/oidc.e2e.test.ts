/**
 * Signing in with an identity provider (OpenID Connect) in a browser, against a real local
 * provider (`oidc-provider`, test-support/oidc-provider.ts) whose development login and consent
 * pages the browser fills in: with JavaScript and without, an unknown person refused with the
 * reason on the sign-in page, and axe on the sign-in page with its providers and that message in
 * every language.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type TestProvider } from '../test-support/oidc-provider.js';
import { axeViolations, LANGUAGES, type Language, launchBrowser, runJourneys, waitForHydration } from './support/browser.js';
import { DEMO, type RunningApp, startApp } from './support/start-app.js';

const WITH_PROVIDER: Record<Language, string> = {
  nl: 'Inloggen met Testdienst',
  fr: 'Se connecter avec Service de test',
  de: 'Anmelden mit Testdienst',
  en: 'Sign in with Testdienst',
};

// Skipped only where no Chromium is installed and CI is not set (runJourneys in support/browser.ts);
// under CI a missing Chromium fails the run instead, so the journeys are required there.
describe.skipIf(!runJourneys)('signing in with an identity provider in a browser', () => {
  let idp: TestProvider;
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    idp = await startOidcProvider();
    [running, browser] = await Promise.all([
      startApp({
        oidcProviders: [
          {
            key: 'test',
            issuer: idp.issuer,
            clientId: idp.clientId,
            clientSecret: idp.clientSecret,
            authMethod: 'client_secret_basic',
            scope: 'openid email',
            name: 'Testdienst',
            names: { fr: 'Service de test' },
          },
        ],
      }),
      launchBrowser(),
    ]);
    idp.allowRedirect(`${running.baseUrl}/api/v1/session/oidc/test/callback`);
    // The demo observer is known to the provider by a verified address; a stranger is not known to Schakel.
    idp.accounts.set('waarnemer-sub', { email: DEMO.observer, emailVerified: true });
    idp.accounts.set('stranger-sub', { email: 'stranger@example.org', emailVerified: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await idp?.close();
  });

  /** Fills in the provider's development login page (any password) and its consent page. */
  async function signInAtProvider(page: Page, account: string): Promise<void> {
    await page.waitForURL((url) => url.origin === new URL(idp.issuer).origin);
    await page.locator('input[name="login"]').fill(account);
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.origin !== new URL(idp.issuer).origin || url.pathname.includes('/interaction/'));
    if (new URL(page.url()).origin === new URL(idp.issuer).origin) {
      // The consent page.
      await page.locator('button[type="submit"]').click();
    }
  }

  describe.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ] as const)('%s', (_name, javaScript) => {
    it('signs a known person in at the provider and brings them back where they were going', async () => {
      const context = await browser.newContext({ javaScriptEnabled: javaScript, locale: 'nl-NL' });
      try {
        const page = await context.newPage();
        await page.goto(`${running.baseUrl}/sign-in?returnTo=%2Faccount`);
        await waitForHydration(page, javaScript);
        await page.getByRole('link', { name: WITH_PROVIDER.nl }).click();
        await signInAtProvider(page, 'waarnemer-sub');
        await page.waitForURL(`${running.baseUrl}/account`);
        await waitForHydration(page, javaScript);
        await page.getByText(DEMO.observer).first().waitFor();
        const cookies = await context.cookies(running.baseUrl);
        const session = cookies.find((cookie) => cookie.name === 'schakel_session');
        expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      } finally {
        await context.close();
      }
    });

    it('refuses a person Schakel does not know, and says why on the sign-in page', async () => {
      const context = await browser.newContext({ javaScriptEnabled: javaScript, locale: 'en-GB' });
      try {
        const page = await context.newPage();
        await page.goto(`${running.baseUrl}/sign-in`);
        await waitForHydration(page, javaScript);
        await page.getByRole('link', { name: WITH_PROVIDER.en }).click();
        await signInAtProvider(page, 'stranger-sub');
        await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('error') === 'oidc_unknown_user');
        expect(await page.getByRole('alert').textContent()).toContain('not linked to a Schakel account');
        expect((await context.cookies(running.baseUrl)).some((cookie) => cookie.name === 'schakel_session')).toBe(false);
      } finally {
        await context.close();
      }
    });
  });

  it.each(LANGUAGES)('has no axe violation on the sign-in page with its providers and a refusal (%s)', async (language) => {
    const context = await browser.newContext({ locale: 'nl-NL' });
    try {
      await context.addCookies([{ name: 'lang', value: language, url: running.baseUrl }]);
      const page = await context.newPage();
      await page.goto(`${running.baseUrl}/sign-in?error=oidc_user_disabled`);
      await waitForHydration(page, true);
      await page.getByRole('link', { name: WITH_PROVIDER[language] }).waitFor();
      await page.getByRole('alert').waitFor();
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
