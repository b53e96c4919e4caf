// The `fork-safe-audit` executable (dist/audit-cli.js).
import { run } from './cli.js';

process.exitCode = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
});
