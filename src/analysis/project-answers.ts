import type { Program } from 'typescript';
import { FileAnalysis } from './file-analysis.js';
import { importsOfText, mayImport, reaches, type ReachAnswer } from './import-graph.js';
import { currentRun, fileVersion, PREFILTER_TRUST_MS, sameVersion, type FileVersion } from './file-versions.js';
import { programFilesOf } from './program-files.js';
import { fileOfModule, fileText, projectFiles, type Project } from './project-files.js';

/**
 * The other files of the project as the linted files' questions see them, and every answer about them
 * (issue 14). Each other file gets one FileAnalysis here, over its parse from the Project (the parses of
 * one parser set-up), and the cross-file answers are kept on those analyses: who calls a declaration at
 * load (other-files.ts), what runs at load (module-load.ts), what a class owns (owned-resources.ts),
 * which declaration a name stands for.
 *
 * Lifetime. Those answers depend on files other than their own, so they are kept only while every file
 * they read is unchanged: each file read is recorded with its version (size and modification time), and
 * the first question of each linted file's run (file-versions.ts) compares them; one changed file drops
 * every analysis here (the parses stay: they are checked by content). An editor's ESLint process thus
 * gets the new answer on the next lint after another file changed on disk; a file whose text only went
 * through a search's pre-filter (it did not name what was searched for) is looked at again after
 * PREFILTER_TRUST_MS.
 *
 * With type information there is one ProjectAnswers per TypeScript program (a WeakMap on the program):
 * module names resolve through the program, the candidates are its source files (program-files.ts),
 * and nothing derived for one program outlives it or is seen by another. The parses stay shared: a parse
 * depends only on the file's text and the parser options (other files are parsed without type
 * information) and holds nothing of any program, while an editor makes a new program for every change,
 * and parsing every other file again per keystroke is the cost that sharing saves.
 */

/** Where a project's other files come from: the file system (untyped), or a TypeScript program (program-files.ts). */
export interface ModuleFiles {
  /** The project file a module name imported from `from` stands for; undefined: no file to analyse. */
  fileOfModule(from: string, module: string): string | undefined;
  /** The files that may import `filename`: the package's own source files, tests and examples left out. */
  candidates(filename: string): readonly string[];
  /**
   * Whether import-graph.ts's edges (the quoted relative names and the package's own name, looked up as
   * Node does) are every way this resolution can name a file, so that "no path" there proves no path here.
   */
  readonly importGraphHolds: boolean;
}

/** Node's lookup from the importing file, and the package's files as listed on disk (project-files.ts). */
const FILE_SYSTEM: ModuleFiles = {
  fileOfModule: (from, module) => fileOfModule(from, module),
  candidates: (filename) => projectFiles(filename),
  importGraphHolds: true,
};

export class ProjectAnswers {
  private readonly analyses = new Map<string, FileAnalysis>();
  /**
   * Every file whose text or parse an answer kept here used, its version then, and how long a look at
   * it is trusted (0: parsed, checked every run; PREFILTER_TRUST_MS: only its text was searched).
   */
  private readonly reads = new Map<string, { version: FileVersion | undefined; trustMs: number }>();
  private checkedRun = -1;
  /** The parses' generation the analyses here were built on (Project.trim). */
  private generation: number;

  constructor(
    private readonly parses: Project,
    private readonly files: ModuleFiles,
  ) {
    this.generation = parses.generation;
  }

  /** The analysis of another project file, on which answers about it are kept; undefined when it cannot be read or parsed. */
  analysisOf(path: string): FileAnalysis | undefined {
    this.revalidate();
    const parsed = this.parses.analysisOf(path);
    this.read(path, 0);
    if (!parsed) return undefined;
    const known = this.analyses.get(path);
    if (known?.sourceCode === parsed.sourceCode) return known;
    const analysis = new FileAnalysis(parsed.sourceCode, path, this);
    this.analyses.set(path, analysis);
    return analysis;
  }

  /** A project file's text (for the text pre-filter of a search). */
  text(path: string): string | undefined {
    this.revalidate();
    const text = fileText(path, PREFILTER_TRUST_MS);
    this.read(path, PREFILTER_TRUST_MS);
    return text;
  }

  /** The files that may import `filename` (ModuleFiles). */
  candidates(filename: string): readonly string[] {
    this.revalidate();
    return this.files.candidates(filename);
  }

  /** The project file a module name imported from `from` stands for (ModuleFiles). */
  fileOfModule(from: string | undefined, module: string): string | undefined {
    return from ? this.files.fileOfModule(from, module) : undefined;
  }

  /** Whether `from` can reach `target` through the module names it quotes (import-graph.ts); true when the graph cannot tell. */
  mayImport(from: string, target: string): boolean {
    return !this.files.importGraphHolds || mayImport(from, target);
  }

  /** Whether `start`, or a file it reaches, passes `isGoal` (import-graph.ts); true when the graph cannot tell. */
  reaches(start: string, isGoal: (file: string) => boolean, memo: Map<string, ReachAnswer>): boolean {
    return !this.files.importGraphHolds || reaches(start, isGoal, memo);
  }

  /**
   * Whether a file of this text (the linted file as the editor holds it: perhaps not saved) reaches a
   * file that passes `isGoal`, through the module names it quotes; true when the graph cannot tell.
   */
  textReaches(file: string, text: string, isGoal: (file: string) => boolean, memo: Map<string, ReachAnswer>): boolean {
    return !this.files.importGraphHolds || importsOfText(file, text).some((next) => reaches(next, isGoal, memo));
  }

  private read(path: string, trustMs: number): void {
    const known = this.reads.get(path);
    if (!known) this.reads.set(path, { version: fileVersion(path, trustMs), trustMs });
    // Searched first, parsed now: checked every run from now on, against the version first used.
    else if (trustMs < known.trustMs) this.reads.set(path, { version: known.version, trustMs });
  }

  /**
   * Once per run: drops every answer when a file any of them read has changed since, or when the parses
   * they were built on were dropped (Project.trim: here, or by the answers of another program).
   */
  private revalidate(): void {
    const run = currentRun();
    if (this.checkedRun === run) return;
    this.checkedRun = run;
    this.parses.trim();
    if (this.parses.generation !== this.generation) {
      this.generation = this.parses.generation;
      this.dropAll();
      return;
    }
    for (const [path, { version, trustMs }] of this.reads) {
      if (!sameVersion(fileVersion(path, trustMs), version)) {
        this.dropAll();
        return;
      }
    }
  }

  private dropAll(): void {
    this.analyses.clear();
    this.reads.clear();
  }
}

const byParses = new WeakMap<Project, ProjectAnswers>();
const byProgram = new WeakMap<Program, WeakMap<Project, ProjectAnswers>>();

/**
 * Whether typescript-eslint made this program for one parse only (createIsolatedProgram): in single-run
 * mode (CI=true, `eslint` run from the command line without --fix) a second parse of a file in the same
 * process is taken for a fix pass and gets a one-file program with `noResolve` and no tsconfig. It knows
 * no other file: answering from it would drop every cross-file report of that pass.
 */
function isIsolated(program: Program): boolean {
  const options = program.getCompilerOptions();
  return options.noResolve === true && options.configFilePath === undefined;
}

/**
 * Per parser set-up, the last project program each file was linted with, per project option (the
 * linted file's `${projectOption}\0${filename}`): what an isolated program stands in for. Weak: in
 * single-run mode typescript-eslint keeps those programs for the whole run; an editor's programs (which
 * are never isolated) are not kept alive by this.
 */
const lastProjectProgram = new WeakMap<Project, Map<string, WeakRef<Program>>>();

/**
 * The answers for one parser set-up: one set per TypeScript program when the linted file has one.
 * `linted`: which file asks and under which project option, so that an isolated program (above) is
 * answered as the project program the same file was linted with before (in single-run mode programs do
 * not change during the run), or from the file system when there was none.
 */
export function answersFor(
  parses: Project,
  program: Program | undefined,
  linted: { filename: string; projectOption: string },
): ProjectAnswers {
  if (program) {
    let programs = lastProjectProgram.get(parses);
    if (!programs) lastProjectProgram.set(parses, (programs = new Map()));
    const key = `${linted.projectOption}\0${linted.filename}`;
    if (!isIsolated(program)) programs.set(key, new WeakRef(program));
    else program = programs.get(key)?.deref();
  }
  let answers: ProjectAnswers | undefined;
  if (!program) {
    answers = byParses.get(parses);
    if (!answers) byParses.set(parses, (answers = new ProjectAnswers(parses, FILE_SYSTEM)));
    return answers;
  }
  let forProgram = byProgram.get(program);
  if (!forProgram) byProgram.set(program, (forProgram = new WeakMap()));
  answers = forProgram.get(parses);
  if (!answers) forProgram.set(parses, (answers = new ProjectAnswers(parses, programFilesOf(program) ?? FILE_SYSTEM)));
  return answers;
}
