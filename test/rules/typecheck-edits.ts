import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Strict TypeScript with @types/node, every file a module of its own (so two cases never share a
 * global scope), and the runtime's import resolved to its source: what a TypeScript user of the
 * plugin compiles an edited file with.
 */
const baseOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  moduleDetection: ts.ModuleDetectionKind.Force,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
  typeRoots: [join(root, 'node_modules', '@types')],
  baseUrl: root,
};
const runtimeSource = join(root, 'src', 'runtime', 'index.ts');

/** Library and runtime files parsed once per worker, shared by every program built here. */
const parsed = new Map<string, ts.SourceFile | undefined>();

export interface EditPair {
  /** The case's code. */
  input: string;
  /** A fix or suggestion output for it. */
  output: string;
}

/**
 * One program for a whole table of edits (building one per edit would parse @types/node hundreds of
 * times). The runtime's specifier, and any a case configures, resolve to the runtime's source.
 * `newErrors(i)` lists the kinds of compiler error the i-th output has and its input has not: an
 * edit must not add one, while the errors a case's code already has (undeclared helpers, unresolved
 * packages) are not the edit's, however often the edit repeats the name they are about.
 */
export function typecheckEdits(
  pairs: readonly EditPair[],
  runtimeModules: readonly string[] = [],
): (index: number) => string[] {
  const options: ts.CompilerOptions = {
    ...baseOptions,
    paths: Object.fromEntries(
      ['eslint-plugin-fork-safe/runtime', ...runtimeModules].map((specifier) => [specifier, [runtimeSource]]),
    ),
  };
  const virtual = new Map<string, string>();
  const names = pairs.map((pair, index) => {
    const dir = join(root, 'test', 'rules', '__edits__', String(index));
    const input = join(dir, 'input.ts');
    const output = join(dir, 'output.ts');
    virtual.set(input, pair.input);
    virtual.set(output, pair.output);
    return { input, output };
  });
  let program: ts.Program | undefined;
  const getProgram = (): ts.Program => {
    if (program) return program;
    const host = ts.createCompilerHost(options, true);
    const { getSourceFile, fileExists, readFile } = host;
    host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
    host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
    host.getSourceFile = (file, language, ...rest) => {
      const text = virtual.get(file);
      if (text !== undefined) return ts.createSourceFile(file, text, language, true);
      if (!parsed.has(file)) parsed.set(file, getSourceFile.call(host, file, language, ...rest));
      return parsed.get(file);
    };
    program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });
    return program;
  };
  const errors = (file: string): string[] => {
    const checked = getProgram();
    const source = checked.getSourceFile(file);
    if (!source) throw new Error(`${file} is not in the program`);
    return [...checked.getSyntacticDiagnostics(source), ...checked.getSemanticDiagnostics(source)]
      .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)
      .map((diagnostic) => {
        const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
        // "Cannot find name 'X'. Did you mean 'Y'?" (TS2552) depends on the names around: the same error.
        return diagnostic.code === 2552
          ? `TS2304: ${text.replace(/ Did you mean .*$/, '')}`
          : `TS${diagnostic.code}: ${text}`;
      });
  };
  return (index) => {
    const { input, output } = names[index]!;
    const before = new Set(errors(input));
    return [...new Set(errors(output))].filter((error) => !before.has(error));
  };
}
