/** `npm run bench -- [options]`: runs the register benchmark (bench/register.bench.ts). */
import { main } from './register.bench.js';

process.exitCode = await main(process.argv.slice(2));
