import { parseArgs } from 'node:util';
import { describeLocation } from '../db/create-database.js';
import { loadConfig } from '../server/config.js';
import { migrateCommand, seedCommand, serveCommand } from './commands.js';

const HELP: Record<string, string> = {
  '': `Usage: schakel <command> [options]

Commands:
  serve     Start the web server and API (migrates the database first)
  migrate   Bring the database schema up to date and load the reference data
  seed      Load data: --demo loads the demo obstacles

Run \`schakel <command> --help\` for the options of a command.
Configuration comes from the environment: DATABASE_URL, PORT, HOST, LOG_LEVEL, NODE_ENV (see README.md).`,
  serve: `Usage: schakel serve [--demo-if-empty]

Migrates the database, loads the reference data and serves Schakel on HOST:PORT
(default 127.0.0.1:3000).

Options:
  --demo-if-empty   Load the demo obstacles when the register is empty (npm start uses this)
  -h, --help        Show this help`,
  migrate: `Usage: schakel migrate

Applies the database migrations that have not run yet, then loads the reference data
(themes, governments, border segments, organisations, competence matrix) where missing.

Options:
  -h, --help   Show this help`,
  seed: `Usage: schakel seed --demo [--force]

Options:
  --demo       Load the real obstacles of reference-data/sample-obstacles.json as demo data
               (Dutch titles under nl, English summaries under en)
  --force      Load them even when the register already holds obstacles
  -h, --help   Show this help`,
};

/** Runs the CLI and returns the exit code (0 ok, 1 failure, 2 wrong usage). */
export async function main(argv: string[]): Promise<number> {
  const [command = '', ...rest] = argv;
  if (command === '' || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP['']);
    return command === '' ? 2 : 0;
  }
  if (!(command in HELP)) {
    console.error(`schakel: unknown command "${command}"\n\n${HELP['']}`);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = {
      help: { type: 'boolean', short: 'h' },
      demo: { type: 'boolean' },
      force: { type: 'boolean' },
      'demo-if-empty': { type: 'boolean' },
    } as const;
    values = parseArgs({ args: rest, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    console.error(`schakel ${command}: ${(error as Error).message}\n\n${HELP[command]}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP[command]);
    return 0;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(`schakel: ${(error as Error).message}`);
    return 2;
  }
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(config, { demoIfEmpty: values['demo-if-empty'] === true });
      case 'migrate':
        return await migrateCommand(config);
      case 'seed':
        if (!values.demo) {
          console.error(`schakel seed: say what to load.\n\n${HELP.seed}`);
          return 2;
        }
        return await seedCommand(config, { force: values.force === true });
      default:
        return 2;
    }
  } catch (error) {
    console.error(`schakel ${command} failed on ${describeLocation(config.database)}: ${(error as Error).message}`);
    return 1;
  }
}
