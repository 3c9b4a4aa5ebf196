/**
 * The dependency rule of docs/ARCHITECTURE.md, enforced in `npm test`:
 *   web ──► contracts ◄── server ──► core ◄── db;  cli ──► server, core, db
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-plain',
      comment: 'core is plain TypeScript: no web framework, no SQL, no React, and no other layer of ours.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        path: [
          '^src/(db|server|web|cli|contracts)/',
          'node_modules/(fastify|@fastify|fastify-[^/]+|kysely|better-sqlite3|pg|pg-[^/]+|react|react-dom|react-router|@react-router)/',
        ],
      },
    },
    {
      name: 'web-talks-to-the-api',
      comment: 'web gets its data only through the JSON API: it may import contracts, never core, db, server or cli.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(core|db|server|cli)/' },
    },
    {
      name: 'contracts-stand-alone',
      comment: 'contracts hold zod schemas only; they import no other layer.',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { path: '^src/(core|db|server|web|cli)/' },
    },
    {
      name: 'db-implements-core',
      comment: 'db implements the core ports; it knows nothing of HTTP, the web or the CLI.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: ['^src/(server|web|cli|contracts)/', 'node_modules/(fastify|@fastify|react)/'] },
    },
    {
      name: 'server-not-cli-or-web-internals',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    exclude: { path: '\\.test\\.ts$' },
  },
};
