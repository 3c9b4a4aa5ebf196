// Fixture for src/architecture.test.ts: a module of the CLI.
export const w = 'cli';
