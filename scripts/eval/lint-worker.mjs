// One package under one config, in a process of its own (scripts/eval.mjs starts one per package and
// config): typescript-eslint keeps every TypeScript program it builds for the life of the process, so
// linting the 27 packages typed in one process runs out of memory; a process per package also keeps a
// hard failure in one package from ending the whole evaluation. Input: one JSON argument
// { packageDir, configName, labelledFiles }. Output: JSON { files, reports, crashes, unparsable, reparsedAsModule, fixes }.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { sourceFiles } from './files.mjs';
import { checkFixes, lintPackage } from './lint.mjs';

const { packageDir, configName, labelledFiles } = JSON.parse(process.argv[2]);
const built = join(fileURLToPath(new URL('../..', import.meta.url)), 'dist/esm/src/index.js');
const { default: plugin } = await import(new URL(`file://${built}`).href);

const files = sourceFiles(packageDir);
const options = { packageDir, files, configName, plugin, tseslint };
const linted = await lintPackage(options);
const fixes = labelledFiles.length
  ? await checkFixes({ ...options, forceModule: linted.reparsedAsModule }, labelledFiles)
  : [];
process.stdout.write(JSON.stringify({ files: files.length, ...linted, fixes }));
