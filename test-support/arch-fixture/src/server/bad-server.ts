// Fixture for src/architecture.test.ts: server may not import the CLI (rule server-not-cli-or-web-internals).
import { w } from '../cli/w.js';

export const fromCli = w;
