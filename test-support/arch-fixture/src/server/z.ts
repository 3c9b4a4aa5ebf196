// Fixture for src/architecture.test.ts: a module of server.
export const z = 'server';
