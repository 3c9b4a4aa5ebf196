// Fixture for src/architecture.test.ts: cycle-a and cycle-b import each other (rule no-circular).
import { b } from './cycle-b.js';

export const a = (): string => `a${b()}`;
