/**
 * Writes docs/LIFECYCLE.md from the state machine in src/core/lifecycle (npm run docs:lifecycle).
 * src/core/lifecycle/lifecycle.test.ts fails when the file and the machine differ.
 */
import { writeFileSync } from 'node:fs';
import { lifecycleMarkdown } from '../src/core/lifecycle/lifecycle-doc.js';

const target = new URL('../docs/LIFECYCLE.md', import.meta.url);
writeFileSync(target, lifecycleMarkdown());
console.log(`wrote ${target.pathname}`);
