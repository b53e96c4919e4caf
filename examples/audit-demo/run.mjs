// `npm run demo`, part 3: fork-safe-audit on the bundled example app (examples/telemetry-app), before
// and after fork-safe-lint --fix. The app is copied to a temporary directory with an entry that loads
// it as a service would (main.js: import the pipeline and the store, start()), and run there.
//
// The app imports `pg`, which this repository does not install. The copy gets a stand-in with what
// matters here of pg's behaviour at load: `new Pool()` opens no connection until the first query.
// exporter.ts is left out of the entry: Node 20 does not run TypeScript.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'fork-safe-audit-demo-'));

const ENTRY = `// The service's entry: loads the telemetry pipeline and the store, and starts the pipeline.
import { start } from './lifecycle.js';
import './store.js';

start();
`;
const PG_STAND_IN = `// Stand-in for pg: like pg's Pool, it connects on the first query, never when it is created.
export class Pool {
  constructor(options) {
    this.options = options;
  }
  async query() {
    throw new Error('the audit demo has no database');
  }
  async end() {}
}
export default { Pool };
`;

function run(title, args) {
  console.log(`\n$ ${title}`);
  const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  process.stdout.write(result.stdout);
  // The app's own output and the lint CLI's progress go to stderr; the demo shows only the reports.
  console.log(`(exit code ${result.status})`);
  return result;
}

/** Applies each remaining finding's first suggestion, as an editor's quick fix would. */
async function applySuggestions() {
  const { ESLint } = await import(pathToFileURL(join(root, 'node_modules/eslint/lib/api.js')).href);
  const plugin = (await import(pathToFileURL(join(root, 'dist/esm/src/index.js')).href)).default;
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended] });
  for (const result of await eslint.lintFiles(['*.js'])) {
    const suggestion = result.messages.find((message) => message.suggestions?.length)?.suggestions[0];
    if (!suggestion) continue;
    const text = readFileSync(result.filePath, 'utf8');
    const [start, end] = suggestion.fix.range;
    writeFileSync(result.filePath, text.slice(0, start) + suggestion.fix.text + text.slice(end));
    console.log(`\n$ (editor quick fix in ${result.filePath.slice(dir.length + 1)}) ${suggestion.desc}`);
  }
}

try {
  cpSync(join(root, 'examples/telemetry-app'), dir, {
    recursive: true,
    filter: (path) => !path.endsWith('.ts'),
  });
  writeFileSync(join(dir, 'main.js'), ENTRY);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
  mkdirSync(join(dir, 'node_modules/pg'), { recursive: true });
  writeFileSync(join(dir, 'node_modules/pg/index.js'), PG_STAND_IN);
  writeFileSync(
    join(dir, 'node_modules/pg/package.json'),
    JSON.stringify({ name: 'pg', type: 'module', main: 'index.js' }),
  );
  // The fixed code imports the runtime by its package name.
  symlinkSync(root, join(dir, 'node_modules/eslint-plugin-fork-safe'), 'dir');

  const audit = join(root, 'dist/audit-cli.js');
  console.log('fork-safe-audit on examples/telemetry-app (entry: main.js, which imports lifecycle.js and store.js)');
  run('fork-safe-audit main.js', [audit, 'main.js']);
  run('fork-safe-lint --fix .', [join(root, 'dist/cli.js'), '--fix', '.']);
  run('fork-safe-audit main.js', [audit, 'main.js']);
  await applySuggestions();
  run('fork-safe-audit main.js', [audit, 'main.js']);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
