// Fixture for src/architecture.test.ts: a module of db, imported where it may not be.
export const y = 'db';
