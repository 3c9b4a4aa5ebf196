import { describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.js';
import { appOptions } from './commands.js';

describe('loadConfig: identity and access settings', () => {
  it('defaults to 30 idle minutes, 12 hours, Secure when over HTTPS, no proxy trusted', () => {
    const config = loadConfig({});
    expect(config.session).toEqual({ idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 });
    expect(config.cookieSecure).toBe('auto');
    expect(config.trustProxy).toBe(false);
  });

  it('reads them from the environment, and the app that serve builds gets them', () => {
    const config = loadConfig({
      SESSION_IDLE_MINUTES: '15',
      SESSION_ABSOLUTE_HOURS: '8',
      COOKIE_SECURE: 'always',
      TRUST_PROXY: 'true',
    });
    expect(appOptions(config)).toMatchObject({
      sessionPolicy: { idleMs: 15 * 60_000, absoluteMs: 8 * 3_600_000 },
      cookieSecure: 'always',
      trustProxy: true,
    });
  });

  it.each([
    ['SESSION_IDLE_MINUTES', '0'],
    ['SESSION_IDLE_MINUTES', 'half an hour'],
    ['SESSION_ABSOLUTE_HOURS', '721'],
    ['COOKIE_SECURE', 'sometimes'],
    ['TRUST_PROXY', 'yes'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});

describe('loadConfig: the solver process', () => {
  it('runs selection solves at niceness 10 by default, or SOLVE_NICE, and the app that serve builds gets it', () => {
    expect(appOptions(loadConfig({})).solveNice).toBe(10);
    expect(appOptions(loadConfig({ SOLVE_NICE: '0' })).solveNice).toBe(0);
    expect(appOptions(loadConfig({ SOLVE_NICE: '19' })).solveNice).toBe(19);
  });

  it.each(['-1', '20', 'low'])('refuses SOLVE_NICE=%s, naming it', (value) => {
    expect(() => loadConfig({ SOLVE_NICE: value })).toThrow('SOLVE_NICE');
  });
});

describe('loadConfig: OpenID Connect providers and PUBLIC_URL', () => {
  const gemeente = {
    OIDC_PROVIDERS: 'gemeente-maastricht',
    OIDC_GEMEENTE_MAASTRICHT_ISSUER: 'https://login.maastricht.example/realms/staff',
    OIDC_GEMEENTE_MAASTRICHT_CLIENT_ID: 'schakel',
    OIDC_GEMEENTE_MAASTRICHT_CLIENT_SECRET: 'from-the-environment',
    OIDC_GEMEENTE_MAASTRICHT_NAME: 'Gemeente Maastricht',
    OIDC_GEMEENTE_MAASTRICHT_NAME_FR: 'Ville de Maastricht',
  };

  it('has none by default', () => {
    expect(loadConfig({}).oidcProviders).toEqual([]);
    expect(loadConfig({}).publicUrl).toBeUndefined();
  });

  it('reads each provider of OIDC_PROVIDERS from its OIDC_<KEY>_* variables, and the app that serve builds gets them', () => {
    const config = loadConfig({ ...gemeente, PUBLIC_URL: 'https://schakel.example.eu/' });
    expect(config.oidcProviders).toEqual([
      {
        key: 'gemeente-maastricht',
        issuer: 'https://login.maastricht.example/realms/staff',
        clientId: 'schakel',
        clientSecret: 'from-the-environment',
        authMethod: 'client_secret_basic',
        scope: 'openid email profile',
        name: 'Gemeente Maastricht',
        names: { fr: 'Ville de Maastricht' },
      },
    ]);
    expect(config.publicUrl).toBe('https://schakel.example.eu');
    expect(appOptions(config)).toMatchObject({ oidcProviders: config.oidcProviders, publicUrl: 'https://schakel.example.eu' });
  });

  it('makes a client without a secret a public client (PKCE only)', () => {
    const { OIDC_GEMEENTE_MAASTRICHT_CLIENT_SECRET: _, ...publicClient } = gemeente;
    expect(loadConfig(publicClient).oidcProviders[0]).toMatchObject({ authMethod: 'none', clientSecret: undefined });
  });

  it.each([
    [{ OIDC_PROVIDERS: 'Gemeente' }, 'OIDC_PROVIDERS'],
    [{ ...gemeente, OIDC_PROVIDERS: 'gemeente-maastricht,gemeente-maastricht' }, 'twice'],
    [{ ...gemeente, OIDC_GEMEENTE_MAASTRICHT_ISSUER: '' }, 'OIDC_GEMEENTE_MAASTRICHT_ISSUER'],
    [{ ...gemeente, OIDC_GEMEENTE_MAASTRICHT_ISSUER: 'http://login.maastricht.example' }, 'https'],
    [{ ...gemeente, OIDC_GEMEENTE_MAASTRICHT_CLIENT_ID: ' ' }, 'OIDC_GEMEENTE_MAASTRICHT_CLIENT_ID'],
    [{ ...gemeente, OIDC_GEMEENTE_MAASTRICHT_AUTH_METHOD: 'private_key_jwt' }, 'OIDC_GEMEENTE_MAASTRICHT_AUTH_METHOD'],
    [{ ...gemeente, OIDC_GEMEENTE_MAASTRICHT_SCOPE: 'email profile' }, 'openid'],
    [{ PUBLIC_URL: 'schakel.example.eu' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://schakel.example.eu/app' }, 'PUBLIC_URL'],
  ])('refuses %j, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('allows plain http only for an issuer on this machine', () => {
    const local = { ...gemeente, OIDC_GEMEENTE_MAASTRICHT_ISSUER: 'http://127.0.0.1:8080' };
    expect(loadConfig(local).oidcProviders[0]?.issuer).toBe('http://127.0.0.1:8080');
  });
});
