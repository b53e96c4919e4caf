// Installs test/compat (Node 22 and 24 binaries, ESLint 9) from its own lockfile, before the tests.
// A separate package keeps their `node` and `eslint` bins out of the root's node_modules/.bin, where
// they would shadow the machine's Node and ESLint 10 in every npm script. Skips the install when the
// lockfile has not changed since the last successful one.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const compat = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'compat');
const stamp = join(compat, 'node_modules', '.installed-lock-sha256');
const lockHash = createHash('sha256')
  .update(readFileSync(join(compat, 'package-lock.json')))
  .digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lockHash) process.exit(0);

process.stderr.write('Installing test/compat (Node 22 and 24 binaries, ESLint 9) from its lockfile...\n');
execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: compat, stdio: 'inherit' });
writeFileSync(stamp, lockHash);
