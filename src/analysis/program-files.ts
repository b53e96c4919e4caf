import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import type * as ts from 'typescript';
import { fileVersion } from './file-versions.js';
import { ownPackageRoot } from './own-package.js';
import type { ModuleFiles } from './project-answers.js';
import { fileOfModule, isPackageSource } from './project-files.js';

/**
 * The other files of a project as its TypeScript program knows them (typed mode, issue 14):
 * - a module name resolves as tsc resolves it, with the program's own compiler options
 *   (`ts.resolveModuleName`): `paths`, `baseUrl`, `allowJs`, `moduleSuffixes`, `./x.js` for `./x.ts`,
 *   package `exports`. A resolution into an external library (node_modules) or into a declaration file
 *   is not analysed (its code is not the project's): a dependency's factory is judged by its types alone
 *   (client-types.ts: a returned or constructed type that holds an agent, socket or dispatcher is a
 *   client). The project's own `x.d.ts` beside its `x.js` (a JavaScript package that ships its types)
 *   stands for that `x.js`. A name TypeScript does not resolve (a package importing itself by its own
 *   name without `exports`) falls back to the untyped lookup (project-files.ts).
 * - the files that may import another are the program's own source files: no declaration file, nothing
 *   from an external library or node_modules, and the same tests, examples and fixtures left out as
 *   untyped.
 * Both are kept per program (a WeakMap on it): a new program (an editor's, after an edit) asks again.
 *
 * TypeScript itself: `typescript` is typescript-eslint's peer, not this plugin's dependency (a plugin
 * that imports it would load it for JavaScript users too). It is required at run time from where
 * typescript-eslint's own parser requires it (typescript-eslint -> @typescript-eslint/parser ->
 * @typescript-eslint/typescript-estree -> typescript), so it is the TypeScript that built the program,
 * as ESLint's eslint-scope is loaded from ESLint's install (project-files.ts). Without it, the untyped
 * lookup is used.
 */

type TypeScript = typeof ts;

/** How a declaration file names the implementation it describes: `x.d.ts` -> `x.js`. */
const IMPLEMENTATION_OF_DECLARATION: readonly [RegExp, readonly string[]][] = [
  [/\.d\.ts$/, ['.js', '.jsx']],
  [/\.d\.mts$/, ['.mjs']],
  [/\.d\.cts$/, ['.cjs']],
];
const DECLARATION = /\.d\.[cm]?ts$|\.d\.[^.]+\.ts$/;
const NODE_MODULES = /[\\/]node_modules[\\/]/;

let typescript: TypeScript | null | undefined;

/** The TypeScript typescript-eslint runs on, from its install (see above); undefined when it cannot be found. */
export function loadTypeScript(): TypeScript | undefined {
  if (typescript !== undefined) return typescript ?? undefined;
  typescript = null;
  const starts = [process.argv[1], join(process.cwd(), 'noop.js')].filter((path): path is string => !!path);
  for (const start of starts) {
    let from = createRequire(start);
    for (const step of ['typescript-eslint', '@typescript-eslint/parser', '@typescript-eslint/typescript-estree']) {
      try {
        from = createRequire(from.resolve(step));
      } catch {
        // not installed there (typescript-eslint's packages used on their own): the next step, from here
      }
    }
    try {
      const loaded = from('typescript') as TypeScript;
      if (typeof loaded.resolveModuleName === 'function' && loaded.sys) {
        typescript = loaded;
        break;
      }
    } catch {
      // no TypeScript from here
    }
  }
  return typescript ?? undefined;
}

/**
 * Compiler options that let a module name reach a project file other than by Node's lookup of a relative
 * name or the package's own name: with any of them set, import-graph.ts's text-only edges can miss a path.
 */
const OTHER_NAMINGS = ['paths', 'baseUrl', 'rootDirs', 'moduleSuffixes', 'customConditions'] as const;

export class ProgramFiles implements ModuleFiles {
  readonly importGraphHolds: boolean;
  private readonly resolutions = new Map<string, string | null>();
  private readonly candidateLists = new Map<string, readonly string[]>();
  private readonly cache: ts.ModuleResolutionCache;

  constructor(
    private readonly program: ts.Program,
    private readonly ts: TypeScript,
  ) {
    const caseSensitive = ts.sys.useCaseSensitiveFileNames;
    this.cache = ts.createModuleResolutionCache(
      program.getCurrentDirectory(),
      (name) => (caseSensitive ? name : name.toLowerCase()),
      program.getCompilerOptions(),
    );
    const options = program.getCompilerOptions();
    this.importGraphHolds = OTHER_NAMINGS.every((option) => options[option] === undefined);
  }

  fileOfModule(from: string, module: string): string | undefined {
    const key = `${from}\0${module}`;
    let known = this.resolutions.get(key);
    if (known === undefined) {
      try {
        known = this.resolve(from, module) ?? null;
      } catch {
        known = null; // TypeScript could not answer: no file
      }
      this.resolutions.set(key, known);
    }
    return known ?? undefined;
  }

  private resolve(from: string, module: string): string | undefined {
    const { ts, program } = this;
    // The mode a `require` or `import` of the importing file resolves in (Node16/NodeNext): its module
    // format, which decides it unless the import is written in the other syntax (rare in one file).
    const mode = program.getSourceFile(from)?.impliedNodeFormat;
    const resolved = ts.resolveModuleName(
      module,
      from,
      program.getCompilerOptions(),
      ts.sys,
      this.cache,
      undefined,
      mode,
    ).resolvedModule;
    if (!resolved) return fileOfModule(from, module);
    const file = resolve(resolved.resolvedFileName);
    if (resolved.isExternalLibraryImport || NODE_MODULES.test(file)) return undefined;
    if (!DECLARATION.test(file)) return file;
    for (const [declaration, extensions] of IMPLEMENTATION_OF_DECLARATION) {
      if (!declaration.test(file)) continue;
      for (const extension of extensions) {
        const implementation = file.replace(declaration, extension);
        if (fileVersion(implementation)) return implementation;
      }
    }
    return undefined;
  }

  candidates(filename: string): readonly string[] {
    const root = ownPackageRoot(filename) ?? dirname(filename);
    let files = this.candidateLists.get(root);
    if (!files) {
      files = this.program
        .getSourceFiles()
        .filter((file) => !file.isDeclarationFile && !this.program.isSourceFileFromExternalLibrary(file))
        .map((file) => resolve(file.fileName))
        .filter((file) => isPackageSource(relative(root, file)));
      this.candidateLists.set(root, files);
    }
    return files;
  }
}

const programFiles = new WeakMap<ts.Program, ProgramFiles | null>();

/** The program's view of the project's files, one per program; undefined when TypeScript cannot be loaded. */
export function programFilesOf(program: ts.Program): ProgramFiles | undefined {
  let files = programFiles.get(program);
  if (files === undefined) {
    const ts = loadTypeScript();
    files = ts ? new ProgramFiles(program, ts) : null;
    programFiles.set(program, files);
  }
  return files ?? undefined;
}
