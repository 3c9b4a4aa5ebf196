import { createDatabase } from '../src/db/create-database.js';
import { buildApp } from '../src/server/build-app.js';

const database = createDatabase({ dialect: 'sqlite', path: process.argv[2] as string });
const app = await buildApp({ database });
const url = process.argv[3] as string;
for (let i = 0; i < 100; i++) await app.inject({ method: 'GET', url });
const t = performance.now();
const n = Number(process.argv[4] ?? 1000);
for (let i = 0; i < n; i++) await app.inject({ method: 'GET', url });
console.log(((performance.now() - t) / n).toFixed(3), 'ms');
await app.close();
await database.close();
