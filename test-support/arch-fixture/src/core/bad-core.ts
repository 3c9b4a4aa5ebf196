// Fixture for src/architecture.test.ts: core may not use a web framework (rule core-is-plain).
import Fastify from 'fastify';

export const makeServer = () => Fastify();
