// Fixture for src/architecture.test.ts: cycle-a and cycle-b import each other (rule no-circular).
import { a } from './cycle-a.js';

export const b = (): string => (Math.random() > 2 ? a() : 'b');
