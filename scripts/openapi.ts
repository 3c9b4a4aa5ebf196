/**
 * Generates the OpenAPI document from the zod contracts (through the routes that use them) and
 * writes it to openapi/openapi.json (--write), or fails when the committed file is out of date
 * (--check, part of `npm test`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '../src/db/create-database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { buildApp } from '../src/server/build-app.js';

const target = join(import.meta.dirname, '..', 'openapi', 'openapi.json');

export async function generateOpenApi(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'schakel-openapi-'));
  const database = createDatabase({ dialect: 'sqlite', path: join(dir, 'openapi.sqlite') });
  try {
    await migrateToLatest(database.db);
    const app = await buildApp({ database });
    const document = app.swagger();
    await app.close();
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
if (mode === '--write' || mode === '--check') {
  const generated = await generateOpenApi();
  if (mode === '--write') {
    writeFileSync(target, generated);
    console.log(`wrote ${target}`);
  } else {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      // missing counts as out of date
    }
    if (committed !== generated) {
      console.error('openapi/openapi.json is out of date with the contracts: run `npm run openapi` and commit the result.');
      process.exit(1);
    }
    console.log('openapi/openapi.json is up to date');
  }
}
