// Which file a module name stands for, and which files may import another, as a TypeScript program
// says (program-files.ts): on a temporary copy of test/fixtures/cross-file/ts-paths, with its dependency
// installed, and a program built from its tsconfig.json the way typescript-eslint builds one.
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTypeScript, programFilesOf } from '../../src/analysis/program-files.js';
import { fixtureCopy } from '../helpers/cross-file-fixtures.js';

const copy = fixtureCopy('ts-paths');
afterAll(copy.cleanup);
const at = (path: string) => join(copy.dir, path);

function programOf(tsconfig: string): ts.Program {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    at(tsconfig),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`${tsconfig} did not parse`);
  return ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
}

describe('ProgramFiles', () => {
  const program = programOf('tsconfig.json');
  const files = programFilesOf(program)!;

  it('loads the TypeScript that typescript-eslint runs on, from its install', () => {
    expect(loadTypeScript()).toBe(ts);
    expect(files).toBeDefined();
    expect(programFilesOf(program)).toBe(files); // one per program
  });

  it('resolves with the program’s own options: a `paths` alias, `.js` for `.ts`, JavaScript under allowJs', () => {
    expect(files.fileOfModule(at('src/index.ts'), '@lib/pool.js')).toBe(at('src/lib/pool.ts'));
    expect(files.fileOfModule(at('src/lib/telemetry.ts'), '@lib/flush.js')).toBe(at('src/lib/flush.js'));
    expect(files.fileOfModule(at('src/index.ts'), './lib/pool.js')).toBe(at('src/lib/pool.ts'));
  });

  it('a declaration file of the project stands for the JavaScript beside it', () => {
    expect(files.fileOfModule(at('src/index.ts'), '@lib/legacy.js')).toBe(at('src/lib/legacy.js'));
  });

  it('does not analyse a dependency (its declaration file in node_modules), a builtin, or what nothing names', () => {
    expect(files.fileOfModule(at('src/lib/db.ts'), 'fast-db')).toBeUndefined();
    expect(files.fileOfModule(at('src/lib/db.ts'), 'node:http')).toBeUndefined();
    expect(files.fileOfModule(at('src/index.ts'), '@lib/missing.js')).toBeUndefined();
  });

  it('the files that may import another: the program’s own sources, no declaration file, nothing installed', () => {
    expect([...files.candidates(at('src/lib/pool.ts'))].sort()).toEqual(
      [
        'src/index.ts',
        'src/lib/db.ts',
        'src/lib/flush.js',
        'src/lib/legacy.js',
        'src/lib/pool.ts',
        'src/lib/telemetry.ts',
        'src/other-lib/pool.ts',
      ].map(at),
    );
  });

  it('another program over the same files resolves with its own `paths`', () => {
    const other = programFilesOf(programOf('tsconfig.other.json'))!;
    expect(other).not.toBe(files);
    expect(other.fileOfModule(at('src/index.ts'), '@lib/pool.js')).toBe(at('src/other-lib/pool.ts'));
    expect(files.fileOfModule(at('src/index.ts'), '@lib/pool.js')).toBe(at('src/lib/pool.ts'));
  });
});
