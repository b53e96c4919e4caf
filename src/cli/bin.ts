// The `fork-safe-lint` executable (dist/cli.js).
import { run } from './main.js';

process.exitCode = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
});
