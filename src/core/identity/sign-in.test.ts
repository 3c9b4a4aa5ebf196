import { describe, expect, it } from 'vitest';
import { THROTTLE, throttleDelayMs } from './sign-in.js';

describe('throttleDelayMs', () => {
  it('is free for the first failures, then doubles from one second, never above the window', () => {
    const free = THROTTLE.freeAccountFailures;
    expect(Array.from({ length: free }, (_, i) => throttleDelayMs(i, free))).toEqual(Array(free).fill(0));
    expect([free, free + 1, free + 2, free + 3].map((n) => throttleDelayMs(n, free))).toEqual([1000, 2000, 4000, 8000]);
    expect(throttleDelayMs(free + 40, free)).toBe(THROTTLE.windowMs);
  });
});
