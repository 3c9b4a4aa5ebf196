// Fixture for src/architecture.test.ts: web may reach core and db only through the API (rule web-talks-to-the-api).
import { x } from '../core/x.js';
import { y } from '../db/y.js';

export const both = `${x}${y}`;
