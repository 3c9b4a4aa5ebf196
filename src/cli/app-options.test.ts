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
