import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCron, wallClock } from './cron.js';
import { InProcessJobRunner } from './in-process-job-runner.js';

describe('cron', () => {
  it('runs 0 7 * * * at 07:00 in Brussels, winter (UTC+1) and summer (UTC+2)', () => {
    const seven = parseCron('0 7 * * *', 'Europe/Brussels');
    expect(seven(new Date('2026-12-01T06:00:00Z'))).toBe(true);
    expect(seven(new Date('2026-12-01T07:00:00Z'))).toBe(false);
    expect(seven(new Date('2026-07-01T05:00:00Z'))).toBe(true);
    expect(seven(new Date('2026-07-01T06:00:00Z'))).toBe(false);
    expect(seven(new Date('2026-07-01T05:01:00Z'))).toBe(false);
  });

  it('reads steps, ranges, lists and days of the week (7 is Sunday), and refuses what is not cron', () => {
    const weekdays = parseCron('*/15 8-17 * * 1-5', 'UTC');
    expect(weekdays(new Date('2026-11-30T08:45:00Z'))).toBe(true); // a Monday
    expect(weekdays(new Date('2026-11-29T08:45:00Z'))).toBe(false); // a Sunday
    expect(weekdays(new Date('2026-11-30T08:40:00Z'))).toBe(false);
    expect(parseCron('0 0 * * 7', 'UTC')(new Date('2026-11-29T00:00:00Z'))).toBe(true);
    expect(parseCron('0 0 1,15 * *', 'UTC')(new Date('2026-11-15T00:00:00Z'))).toBe(true);
    for (const bad of ['* * * *', '60 * * * *', 'a * * * *', '5-1 * * * *'])
      expect(() => parseCron(bad, 'UTC'), bad).toThrow('cron');
    expect(() => parseCron('* * * * *', 'Mars/Olympus')).toThrow();
    expect(wallClock(new Date('2026-11-29T23:30:00Z'), 'Europe/Brussels')).toMatchObject({ hour: 0, day: 30, weekday: 1 });
  });
});

describe('in-process job runner', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a job on its interval and on a trigger, never overlapping itself, and stops', async () => {
    vi.useFakeTimers();
    const runner = new InProcessJobRunner();
    let runs = 0;
    let running = 0;
    let overlapped = false;
    await runner.schedule('count', { everySeconds: 10 }, async () => {
      running++;
      if (running > 1) overlapped = true;
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 5000));
      running--;
    });
    await expect(runner.schedule('count', { everySeconds: 10 }, async () => {})).rejects.toThrow('already');
    runner.trigger('count');
    expect(runs).toBe(0); // not started: triggers wait for start
    await runner.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(1);
    // Two triggers while it runs (until 15 s): one more run, after it (15 s to 20 s).
    runner.trigger('count');
    runner.trigger('count');
    await vi.advanceTimersByTimeAsync(9_000);
    expect(runs).toBe(2);
    expect(overlapped).toBe(false);
    const stopped = runner.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    await stopped;
    const after = runs;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(after);
  });

  it('runs a cron job at its minute, and runOnce runs a handler now', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-01T05:59:30Z') });
    const runner = new InProcessJobRunner();
    const at: string[] = [];
    await runner.schedule('digest', { cron: '0 7 * * *', tz: 'Europe/Brussels' }, async () => {
      at.push(new Date().toISOString());
    });
    await runner.start();
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(at).toHaveLength(1);
    expect(at[0]?.startsWith('2026-12-01T06:00')).toBe(true);
    await runner.runOnce('digest');
    expect(at).toHaveLength(2);
    await expect(runner.runOnce('nothing')).rejects.toThrow('no job');
    await runner.stop();
  });
});
