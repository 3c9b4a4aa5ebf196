/**
 * The benchmark's baseline: a bare Fastify hello world (`GET /` → {"hello":"world"}), run as its
 * own process beside the Schakel server. PORT and HOST come from the environment.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
app.get('/ready', async () => ({ status: 'ok' }));

await app.listen({ port: Number(process.env.PORT ?? 3001), host: process.env.HOST ?? '127.0.0.1' });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
