// Fixture for src/architecture.test.ts: contracts import no other layer (rule contracts-stand-alone).
import { x } from '../core/x.js';

export const contract = x;
