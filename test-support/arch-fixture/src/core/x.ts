// Fixture for src/architecture.test.ts: a module of core, imported where it may not be.
export const x = 'core';
