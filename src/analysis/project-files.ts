import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { FileAnalysis } from './file-analysis.js';
import { fileVersion, PREFILTER_TRUST_MS, readVersion, sameVersion, type FileVersion } from './file-versions.js';
import { ownPackageFile, ownPackageRoot, resolveFile } from './own-package.js';
import { answersFor, type ProjectAnswers } from './project-answers.js';

/**
 * The other files of the linted project, for the questions one file cannot answer alone (does an
 * exported function run at load because another file calls it at load?): which file an import names,
 * which files may import a file (both without type information; program-files.ts has the typed ones),
 * and each such file parsed once with the linted file's own parser. Nothing here runs unless a rule asks
 * a cross-file question, which it does only for a construct it would report. The answers about other
 * files are kept in project-answers.ts, over these parses.
 *
 * Caches: per parser set-up (a Project), each file's parse is kept by path and checked against the
 * file's size and modification time (once per linted file, file-versions.ts; then its text) before
 * reuse, as eslint-plugin-import's export map does, so a lint run parses each other file at most once,
 * however many linted files ask. A file that cannot be read or parsed is skipped: no answer goes through
 * it, and nothing fails.
 */

/** Source extensions a project file may have (declaration files are not code). */
const SOURCE_EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx']);
/**
 * Directories whose files are not the package's own code paths: dependencies, VCS metadata, and the
 * tests, examples and benchmarks that call the package's API at their own top level. A library's
 * constructor is not "run at load" because a test or an example constructs it; the example's own line
 * is where that is reported.
 */
const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  'test',
  'tests',
  '__tests__',
  '__mocks__',
  'spec',
  'fixtures',
  'example',
  'examples',
  'bench',
  'benchmark',
  'benchmarks',
  'coverage',
]);
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
/** How many files of one package are listed at most: a bound on the cost of one cross-file question. */
const MAX_PROJECT_FILES = 4000;
/** Files larger than this are not read (bundles of several megabytes): too costly to parse per question. */
const MAX_FILE_BYTES = 2_000_000;
/**
 * How much text (in characters) the other files parsed for one parser set-up may hold before every parse
 * is dropped (Project.trim). A parse with its scope analysis takes tens of times its text in memory: the
 * full field corpus keeps about 5.5 MB of text in ~400 parses (about 340 MB of heap), under this bound,
 * so a CLI run of that size never re-parses; an editor's session over a larger monorepo is held near it.
 */
const MAX_KEPT_PARSE_BYTES = 8_000_000;

/** The parser a linted file was parsed with, and what a parse of another file needs from it. */
export interface ParseSetup {
  readonly parser: {
    parse?: (text: string, options: unknown) => unknown;
    parseForESLint?: (text: string, options: unknown) => unknown;
  };
  readonly parserOptions: Record<string, unknown>;
  readonly ecmaVersion: unknown;
  readonly sourceType: unknown;
  /** The linted file's visitor keys: for a parser that returns none (espree), the keys ESLint used. */
  readonly visitorKeys: Record<string, readonly string[]>;
  /** ESLint's own SourceCode class (the linted file's is one), so the other file's has the same API. */
  readonly SourceCode: new (config: Record<string, unknown>) => TSESLint.SourceCode;
}

interface Parsed {
  readonly text: string;
  readonly analysis: FileAnalysis | undefined;
}

interface TextEntry {
  readonly version: FileVersion | undefined;
  readonly text: string | undefined;
}

/** Every file's text, for the text pre-filter (shared by all parser set-ups: text does not depend on them). */
const texts = new Map<string, TextEntry>();
const listings = new Map<string, { files: readonly string[]; at: number }>();

/**
 * A project file's text, read once (and again only when its size or modification time changed, looked
 * at once per linted file, or once in `trustMs`: file-versions.ts).
 */
export function fileText(path: string, trustMs = 0): string | undefined {
  const version = fileVersion(path, trustMs);
  const known = texts.get(path);
  if (known && sameVersion(known.version, version)) return known.text;
  let text: string | undefined;
  if (version && version.size <= MAX_FILE_BYTES) {
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      text = undefined;
    }
  }
  texts.set(path, { version, text });
  return text;
}

/** Whether a path is a project source file (not a declaration file, a test, or anything under a skipped directory). */
function isSourceFile(name: string): boolean {
  return SOURCE_EXTENSIONS.has(extname(name)) && !/\.d\.[cm]?ts$/.test(name) && !TEST_FILE.test(name);
}

/**
 * Whether a file, by its path relative to the package root, is one projectFiles() would list: a source
 * file under no skipped or hidden directory (`..` steps out of the package and is no directory name).
 * For file lists that come from elsewhere (a TypeScript program's, program-files.ts).
 */
export function isPackageSource(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/);
  const name = parts.pop()!;
  return (
    !name.startsWith('.') &&
    isSourceFile(name) &&
    parts.every((part) => part === '..' || !(part.startsWith('.') || SKIPPED_DIRECTORIES.has(part)))
  );
}

/** The source files of the package `filename` belongs to (bounded, cached for a few seconds). */
export function projectFiles(filename: string): readonly string[] {
  const root = ownPackageRoot(filename) ?? dirname(filename);
  const now = Date.now();
  const known = listings.get(root);
  // A listing walks every directory, too costly per linted file: a new file is seen within this time.
  if (known && now - known.at < PREFILTER_TRUST_MS) return known.files;
  const files: string[] = [];
  const pending = [root];
  while (pending.length > 0 && files.length < MAX_PROJECT_FILES) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(path);
      } else if (entry.isFile() && isSourceFile(entry.name)) {
        files.push(path);
        if (files.length >= MAX_PROJECT_FILES) break;
      }
    }
  }
  listings.set(root, { files, at: now });
  return files;
}

const TS_FOR_JS: Record<string, readonly string[]> = {
  '.js': ['.ts', '.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
  '.jsx': ['.tsx'],
};

/**
 * The file a module name (as the Resolver gives it: a relative specifier as written, or the package's
 * own name for a self-import) stands for, imported from `from`; undefined for a dependency or a
 * builtin. Follows Node's lookup (extensions, directory, index) and TypeScript's `.js` -> `.ts`.
 */
export function fileOfModule(from: string | undefined, module: string): string | undefined {
  if (!from || !isAbsolute(from)) return undefined;
  if (!(module === '.' || module === '..' || module.startsWith('./') || module.startsWith('../')))
    return ownPackageFile(from, module);
  const target = resolve(dirname(from), module);
  try {
    const found = resolveFile(target);
    if (found) return SOURCE_EXTENSIONS.has(extname(found)) ? found : undefined;
    const extension = extname(target);
    for (const replacement of TS_FOR_JS[extension] ?? []) {
      const candidate = target.slice(0, -extension.length) + replacement;
      if (readVersion(candidate)) return candidate;
    }
  } catch {
    // the file system said no
  }
  return undefined;
}

/** The names a file is imported by in another file's text: its base name, or its directory's for an index file. */
export function importedNames(file: string): string[] {
  const base = basename(file, extname(file));
  return base === 'index' ? [basename(dirname(file))] : [base];
}

/** ESLint's scope analyser, from ESLint's own install (it is ESLint's dependency, not ours). */
let eslintScope: { analyze: (ast: unknown, options: unknown) => unknown } | null | undefined;

function loadEslintScope(): typeof eslintScope {
  if (eslintScope !== undefined) return eslintScope;
  eslintScope = null;
  const from = [process.argv[1], join(process.cwd(), 'noop.js')].filter((path): path is string => !!path);
  for (const start of from) {
    try {
      const fromStart = createRequire(start);
      const eslintJson = fromStart.resolve('eslint/package.json');
      eslintScope = createRequire(eslintJson)('eslint-scope') as typeof eslintScope;
      break;
    } catch {
      // not from here
    }
  }
  return eslintScope;
}

/** Sets `parent` on every node, as ESLint does while it traverses a linted file. */
function setParents(root: TSESTree.Node, visitorKeys: Record<string, readonly string[] | undefined>): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') {
          (child as { parent?: TSESTree.Node }).parent = node;
          stack.push(child as TSESTree.Node);
        }
      }
    }
  }
}

/** The other files of one lint set-up (one parser and its options). */
export class Project {
  private readonly parsed = new Map<string, Parsed>();
  /** The text length of the files parsed and kept (what the kept parses grow with). */
  private keptBytes = 0;
  private dropped = 0;

  constructor(
    private readonly setup: ParseSetup,
    private readonly maxKeptBytes = MAX_KEPT_PARSE_BYTES,
  ) {}

  /**
   * Drops every kept parse when they hold more than `maxKeptBytes` of text. Asked at the start of a linted
   * file's questions (project-answers.ts), never during one: an answer in progress keeps the nodes it holds.
   */
  trim(): void {
    if (this.keptBytes <= this.maxKeptBytes) return;
    this.parsed.clear();
    this.keptBytes = 0;
    this.dropped++;
  }

  /** Counts the times every parse was dropped: answers built on the parses before are dropped with them (project-answers.ts). */
  get generation(): number {
    return this.dropped;
  }

  /**
   * Another project file parsed (its SourceCode, in a FileAnalysis of its own that no question is asked
   * of: project-answers.ts wraps it), on first use and again when its text changed; undefined when it
   * cannot be read or parsed.
   */
  analysisOf(path: string): FileAnalysis | undefined {
    const known = this.parsed.get(path);
    const text = fileText(path);
    if (known && text === known.text) return known.analysis;
    const analysis = text === undefined ? undefined : this.parse(path, text);
    this.keptBytes += (text ?? '').length - (known?.text.length ?? 0);
    this.parsed.set(path, { text: text ?? '', analysis });
    return analysis;
  }

  private parse(path: string, text: string): FileAnalysis | undefined {
    const { parser, parserOptions, ecmaVersion, SourceCode } = this.setup;
    const extension = extname(path);
    const sourceType =
      extension === '.cjs' || extension === '.cts'
        ? 'commonjs'
        : extension === '.mjs' || extension === '.mts'
          ? 'module'
          : this.setup.sourceType;
    // Type information is the linted file's program's business: another file is parsed on its own.
    const { project: _p, projectService: _s, programs: _g, ...untyped } = parserOptions;
    // What ESLint itself passes a parser (languages/js parse()), without tokens and comments: no question
    // asked of another file reads them, and collecting them was about a tenth of a parse.
    const options = {
      ecmaVersion,
      sourceType,
      ...untyped,
      loc: true,
      range: true,
      tokens: false,
      comment: false,
      eslintVisitorKeys: true,
      eslintScopeManager: true,
      filePath: path,
    };
    try {
      const body = text.replace(/^#!([^\r\n]*)/, '//$1');
      let ast: TSESTree.Program;
      let scopeManager: unknown;
      let visitorKeys: Record<string, readonly string[]>;
      if (parser.parseForESLint) {
        const result = parser.parseForESLint(body, options) as {
          ast: TSESTree.Program;
          scopeManager?: unknown;
          visitorKeys?: Record<string, readonly string[]>;
        };
        ast = result.ast;
        scopeManager = result.scopeManager;
        visitorKeys = result.visitorKeys ?? this.setup.visitorKeys;
      } else if (parser.parse) {
        ast = parser.parse(body, options) as TSESTree.Program;
        visitorKeys = this.setup.visitorKeys;
      } else {
        return undefined;
      }
      if (!ast || !visitorKeys) return undefined;
      if (!scopeManager) {
        const scope = loadEslintScope();
        if (!scope) return undefined;
        scopeManager = scope.analyze(ast, {
          ignoreEval: true,
          nodejsScope: sourceType === 'commonjs',
          ecmaVersion: typeof ecmaVersion === 'number' ? ecmaVersion : 2022,
          sourceType,
          childVisitorKeys: visitorKeys,
          fallback: 'iteration',
        });
      }
      setParents(ast, visitorKeys);
      // SourceCode's token store needs the lists; empty, since they were not collected.
      ast.tokens ??= [];
      ast.comments ??= [];
      const sourceCode = new SourceCode({ text, ast, parserServices: {}, scopeManager, visitorKeys });
      return new FileAnalysis(sourceCode, path);
    } catch {
      return undefined; // not parsable with this parser: no answer goes through this file
    }
  }
}

const projects = new WeakMap<object, Map<string, Project>>();

/**
 * Whether the shared settings let the rules read other files: `settings: { 'fork-safe': { crossFile:
 * false } }` turns cross-file following off for a project that prefers one-file answers to its cost
 * (docs/performance.md). Shared settings, not a rule option: the worker and client rules ask the same
 * cross-file questions and keep one set of answers, so one switch covers both.
 */
function followsOtherFiles(settings: Readonly<Record<string, unknown>> | undefined): boolean {
  const own = settings?.['fork-safe'];
  return !(own && typeof own === 'object' && (own as Record<string, unknown>).crossFile === false);
}

/**
 * The other files as a linted file's questions see them (project-answers.ts): over the Project (the
 * parses) of its parser set-up, shared by every file linted with it, and, when the file was parsed with
 * type information, its TypeScript program's view of the files. None for a file that is not on disk
 * (text piped to ESLint, a test's virtual file): it has no project around it.
 */
export function projectOf(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): ProjectAnswers | undefined {
  if (!followsOtherFiles(context.settings)) return undefined;
  if (!isAbsolute(context.filename) || !readVersion(context.filename)) return undefined;
  const languageOptions = context.languageOptions as unknown as Record<string, unknown> | undefined;
  const parser = languageOptions?.parser as ParseSetup['parser'] | undefined;
  const SourceCode = (context.sourceCode as object).constructor as ParseSetup['SourceCode'];
  if (!parser || typeof parser !== 'object' || typeof SourceCode !== 'function') return undefined;
  const parserOptions = (languageOptions?.parserOptions ?? {}) as Record<string, unknown>;
  const setup: ParseSetup = {
    parser,
    parserOptions,
    ecmaVersion: languageOptions?.ecmaVersion,
    sourceType: languageOptions?.sourceType ?? 'module',
    visitorKeys: context.sourceCode.visitorKeys as Record<string, readonly string[]>,
    SourceCode,
  };
  let key: string;
  let projectOption: string;
  try {
    const { project, projectService, programs: _g, ...rest } = parserOptions;
    key = JSON.stringify([rest, setup.ecmaVersion, setup.sourceType]);
    projectOption = JSON.stringify([project ?? null, projectService ?? null]);
  } catch {
    return undefined;
  }
  let byOptions = projects.get(parser);
  if (!byOptions) projects.set(parser, (byOptions = new Map()));
  let project = byOptions.get(key);
  if (!project) byOptions.set(key, (project = new Project(setup)));
  const program = context.sourceCode.parserServices?.program ?? undefined;
  return answersFor(project, program, { filename: context.filename, projectOption });
}
