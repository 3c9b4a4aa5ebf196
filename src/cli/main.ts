import { parseArgs } from 'node:util';
import { describeLocation } from '../db/create-database.js';
import { loadConfig } from '../server/config.js';
import {
  tokenCreateCommand,
  tokenRevokeCommand,
  userAddCommand,
  userDisableCommand,
  userListCommand,
  userPasswordLinkCommand,
} from './access-commands.js';
import { auditVerifyCommand, migrateCommand, monitorRunCommand, seedCommand, serveCommand } from './commands.js';

const HELP: Record<string, string> = {
  '': `Usage: schakel <command> [options]

Commands:
  serve     Start the web server and API (migrates the database first)
  migrate   Bring the database schema up to date and load the reference data
  seed      Load data: --demo loads the demo obstacles
  user      Manage users: add, list, disable
  token     Manage API tokens: create, revoke
  audit     The audit trail: verify
  monitor   The monitoring of actions: run (the nightly run)

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
  user: `Usage: schakel user <add|list|disable|password-link> [options]

  add       Add a user
  list      List the users
  disable   Disable a user (signed out everywhere, API tokens revoked)
  password-link   Make a one-time link to set a password (invite or reset)

Run \`schakel user <subcommand> --help\` for its options.`,
  'user add': `Usage: schakel user add --email E --name N --role R --organisation KEY [--password-stdin]

Adds a user of one organisation with one role.

Options:
  --email E            E-mail address (unique, whatever its case)
  --name N             Full name
  --role R             admin, secretariat, partner, department, decision_maker or observer
  --organisation KEY   An organisation key of the reference data (GET /api/v1/organisations)
  --password-stdin     Read the password from the first line of standard input: at least 12
                       characters, not a commonly used password. Without it the user has no
                       password yet.
  -h, --help           Show this help`,
  'user list': `Usage: schakel user list

Lists every user: e-mail, name, role, organisation, whether disabled, whether a password is set.

Options:
  -h, --help   Show this help`,
  'user disable': `Usage: schakel user disable --email E

Disables a user: no sign-in any more; open sessions end and API tokens are revoked at once.

Options:
  --email E    E-mail address of the user
  -h, --help   Show this help`,
  'user password-link': `Usage: schakel user password-link --email E

Makes a one-time link for the user to set a password: an invite (valid 7 days) when the user has
no password, else a reset (valid 1 hour). Prints its token once, alone on standard output; earlier
links of the user stop working. The user sets the password with POST /api/v1/password.

Options:
  --email E    E-mail address of the user
  -h, --help   Show this help`,
  audit: `Usage: schakel audit <verify>

  verify   Check the hash chain of the whole audit trail

Run \`schakel audit verify --help\` for its options.`,
  'audit verify': `Usage: schakel audit verify [--workers N]

Checks the hash chain of the whole audit trail: every event must carry the hash of its
own content and of the event before it, and the head must name the last event. Prints the number
of events and the head's hash when the trail is whole (exit 0); otherwise the first broken event by
its position (seq) and what is wrong (exit 1). Keep the printed head outside the database (for
example in the yearly report) to detect a trail cut off at its end.

Options:
  --workers N  Worker threads that read and check ranges of the trail (default: the cores)
  -h, --help   Show this help`,
  monitor: `Usage: schakel monitor <run>

  run   Recompute the RAG status, overdue and stale flags of every open action and each obstacle's progress,
        then climb the escalation ladder and send the due-date reminders

Run \`schakel monitor run --help\` for its options.`,
  'monitor run': `Usage: schakel monitor run [--date YYYY-MM-DD] [--batch-size N]

The nightly run of the monitoring (docs/MONITORING.md): recomputes the RAG status (green, amber,
red), overdue and stale flags of every open action as of the date, and then the progress of every
obstacle with actions. Then the escalation ladder: every open action overdue by more than the norm
escalation_after climbs one level (official, administrative, political), recorded, audited and
notified; and the reminders before and after due dates, each sent once. Works in batches, each a
short transaction, so a running server keeps answering. Prints the counts and how long it took
(actions per second). Run it once a night (for example from cron at 02:00); running it twice on
one day changes and sends nothing the second time.

Options:
  --date YYYY-MM-DD   The day to judge as of (default: today in Europe/Brussels)
  --batch-size N      Actions per transaction, 1–10000 (default 1000)
  -h, --help          Show this help`,
  token: `Usage: schakel token <create|revoke> [options]

  create   Create an API token for a user (printed once)
  revoke   Revoke an API token

Run \`schakel token <subcommand> --help\` for its options.`,
  'token create': `Usage: schakel token create --email E --name LABEL [--expires DAYS]

Creates an API token for a user and prints it once, alone on standard output (its id and expiry go
to standard error). Only its hash is stored. Send it as \`Authorization: Bearer <token>\`.

Options:
  --email E        E-mail address of the user the token acts for
  --name LABEL     What the token is for (for example the name of the connected system)
  --expires DAYS   Days until it expires, 1–3650 (default: it does not expire)
  -h, --help       Show this help`,
  'token revoke': `Usage: schakel token revoke --id ID

Revokes an API token: it never opens again.

Options:
  --id ID      The id printed when the token was created
  -h, --help   Show this help`,
};

const SUBCOMMANDS: Record<string, string[]> = {
  user: ['add', 'list', 'disable', 'password-link'],
  token: ['create', 'revoke'],
  audit: ['verify'],
  monitor: ['run'],
};

/** Reads the first line of standard input (for --password-stdin). */
async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

export interface CliIo {
  /** The first line of standard input (tests give their own). */
  readStdinLine?: () => Promise<string>;
}

/** The options each command takes (parseArgs knows them all; a command refuses the others). */
const ALLOWED_OPTIONS: Record<string, string[]> = {
  serve: ['demo-if-empty'],
  migrate: [],
  seed: ['demo', 'force'],
  'user add': ['email', 'name', 'role', 'organisation', 'password-stdin'],
  'user list': [],
  'user disable': ['email'],
  'user password-link': ['email'],
  'token create': ['email', 'name', 'expires'],
  'token revoke': ['id'],
  'audit verify': ['workers'],
  'monitor run': ['date', 'batch-size'],
};

/** A real calendar date written YYYY-MM-DD (not 2026-02-30). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

function usage(command: string, message: string): number {
  console.error(`schakel ${command}: ${message}\n\n${HELP[command]}`);
  return 2;
}

/** Runs the CLI and returns the exit code (0 ok, 1 failure, 2 wrong usage). */
export async function main(argv: string[], io: CliIo = {}): Promise<number> {
  let [command = '', ...rest] = argv;
  const subcommands = SUBCOMMANDS[command];
  if (subcommands) {
    const [sub = '', ...after] = rest;
    if (sub === '' || sub === '--help' || sub === '-h') {
      console.log(HELP[command]);
      return sub === '' ? 2 : 0;
    }
    if (!subcommands.includes(sub)) {
      console.error(`schakel ${command}: unknown subcommand "${sub}"\n\n${HELP[command]}`);
      return 2;
    }
    command = `${command} ${sub}`;
    rest = after;
  }
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
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      organisation: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      expires: { type: 'string' },
      id: { type: 'string' },
      workers: { type: 'string' },
      date: { type: 'string' },
      'batch-size': { type: 'string' },
    } as const;
    values = parseArgs({ args: rest, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    console.error(`schakel ${command}: ${(error as Error).message}\n\n${HELP[command]}`);
    return 2;
  }
  const allowed = ALLOWED_OPTIONS[command] ?? [];
  const stray = Object.keys(values).find((key) => key !== 'help' && !allowed.includes(key));
  if (stray) {
    console.error(`schakel ${command}: option --${stray} does not belong to this command\n\n${HELP[command]}`);
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
      case 'user add': {
        const missing = (['email', 'name', 'role', 'organisation'] as const).filter((k) => typeof values[k] !== 'string');
        if (missing.length > 0) return usage(command, `missing ${missing.map((k) => `--${k}`).join(', ')}`);
        const password = values['password-stdin'] ? await (io.readStdinLine ?? firstLineOfStdin)() : undefined;
        return await userAddCommand(config, {
          email: String(values.email),
          name: String(values.name),
          role: String(values.role),
          organisation: String(values.organisation),
          password,
        });
      }
      case 'user list':
        return await userListCommand(config);
      case 'audit verify': {
        const workers = values.workers === undefined ? undefined : Number(values.workers);
        if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64)) {
          return usage(command, '--workers must be a whole number from 1 to 64');
        }
        return await auditVerifyCommand(config, { workers });
      }
      case 'monitor run': {
        const date = values.date;
        if (date !== undefined && (typeof date !== 'string' || !isCalendarDate(date))) {
          return usage(command, '--date must be a date, YYYY-MM-DD');
        }
        const batchSize = values['batch-size'] === undefined ? 1000 : Number(values['batch-size']);
        if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000)) {
          return usage(command, '--batch-size must be a whole number from 1 to 10000');
        }
        return await monitorRunCommand(config, { date: typeof date === 'string' ? date : undefined, batchSize });
      }
      case 'user disable':
        if (typeof values.email !== 'string') return usage(command, 'missing --email');
        return await userDisableCommand(config, values.email);
      case 'user password-link':
        if (typeof values.email !== 'string') return usage(command, 'missing --email');
        return await userPasswordLinkCommand(config, values.email);
      case 'token create': {
        if (typeof values.email !== 'string' || typeof values.name !== 'string')
          return usage(command, 'missing --email or --name');
        const expires = values.expires === undefined ? undefined : Number(values.expires);
        if (expires !== undefined && !Number.isInteger(expires)) return usage(command, '--expires takes a whole number of days');
        return await tokenCreateCommand(config, { email: values.email, label: values.name, expiresInDays: expires });
      }
      case 'token revoke':
        if (typeof values.id !== 'string') return usage(command, 'missing --id');
        return await tokenRevokeCommand(config, values.id);
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
