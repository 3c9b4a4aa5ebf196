// The `schakel` command from the TypeScript sources, for tests that run it as a process
// (`node --import tsx test-support/schakel-cli.ts serve`); bin/schakel.js runs the built one.
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
