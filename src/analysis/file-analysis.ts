import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ClassNode } from './ast.js';
import { ClassFields, MemberWrites } from './class-fields.js';
import { ModuleLoad, type CallSite } from './module-load.js';
import {
  callSites,
  declarationOf,
  ExportTable,
  MaybeOtherFileCallers,
  OtherFiles,
  type Declaration,
} from './other-files.js';
import { beginRun } from './file-versions.js';
import type { ProjectAnswers } from './project-answers.js';
import { projectOf } from './project-files.js';
import { Resolver } from './resolve.js';
import { RoleGuards } from './role-guard.js';

/**
 * The one per-file analysis every rule reuses: every fact about a file that more than one place asks
 * for. Each is computed on first use and kept for the file (a rule that never asks pays nothing); the
 * analysis itself is built by the first rule that asks and shared by the others, keyed on the file's
 * AST so nothing leaks between files (ESLint may lint files in parallel).
 */
export class FileAnalysis {
  private resolverOnce: Resolver | undefined;
  private moduleLoadOnce: ModuleLoad | undefined;
  private moduleLoadInFileOnce: ModuleLoad | undefined;
  private moduleLoadBoundOnce: ModuleLoad | undefined;
  private roleGuardsOnce: RoleGuards | undefined;
  private memberWritesOnce: MemberWrites | undefined;
  private namesInUseOnce: ReadonlySet<string> | undefined;
  private exportTableOnce: ExportTable | undefined;
  private callSitesOnce: CallSite[] | undefined;
  private readonly classes = new Map<ClassNode, ClassFields>();
  private readonly derivedFacts = new Map<object, unknown>();
  private readonly declarations = new Map<TSESTree.Node, Declaration | null>();

  constructor(
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
    /** The file on disk (ESLint's `context.filename`): where relative imports of the file's own package resolve. */
    readonly filename?: string,
    /** The other files of the linted project (project-answers.ts); none: questions stay within this file. */
    readonly project?: ProjectAnswers,
  ) {}

  /** What each name and expression resolves to (resolve.ts). */
  get resolver(): Resolver {
    return (this.resolverOnce ??= new Resolver(this.sourceCode, this.filename));
  }

  /** Which code runs while the module loads (module-load.ts). */
  get moduleLoad(): ModuleLoad {
    return (this.moduleLoadOnce ??= new ModuleLoad(this.resolver, new OtherFiles(this), this.sourceCode.visitorKeys));
  }

  /**
   * Which code runs at load judged from this file alone (no other file is read): for questions asked
   * of every construction of a file (typed detection), where following other files would parse them
   * for code that is no candidate. Its own memo, so its answers never stand in for the full ones.
   */
  get moduleLoadInFile(): ModuleLoad {
    return (this.moduleLoadInFileOnce ??= new ModuleLoad(this.resolver));
  }

  /**
   * An upper bound of `moduleLoad` from this file alone: "no" means the node does not run at load;
   * "yes" means it may (an exported function, constructor or static method is assumed called at load
   * by another file). For asking the expensive question only of a construct that may be a finding.
   * Without a project (cross-file following off, or a file not on disk) the full answer reads no other
   * file and is the bound itself: the bound's "every handed-over call may name it" made a class with
   * many static methods search every such call on every path (2 million steps for sequelize's model.js).
   */
  get moduleLoadBound(): ModuleLoad {
    if (!this.project || !this.filename) return this.moduleLoad;
    return (this.moduleLoadBoundOnce ??= new ModuleLoad(
      this.resolver,
      new MaybeOtherFileCallers(this),
      this.sourceCode.visitorKeys,
    ));
  }

  /** What each exported name of the file is (other-files.ts). */
  get exportTable(): ExportTable {
    return (this.exportTableOnce ??= new ExportTable(this.sourceCode.ast));
  }

  /** Every call and `new` of the file, in source order. */
  get callSites(): readonly CallSite[] {
    return (this.callSitesOnce ??= callSites(this));
  }

  /** The function or class an expression of this file names, here or in another project file (other-files.ts), kept per node. */
  declarationOf(expression: TSESTree.Node): Declaration | undefined {
    let known = this.declarations.get(expression);
    if (known === undefined) {
      try {
        known = declarationOf(this, expression) ?? null;
      } catch {
        known = null; // another file's code could not be followed: no declaration, never a crash
      }
      this.declarations.set(expression, known);
    }
    return known ?? undefined;
  }

  /** Which code runs only after its process or thread role was checked (role-guard.ts). */
  get roleGuards(): RoleGuards {
    return (this.roleGuardsOnce ??= new RoleGuards(this.resolver));
  }

  /** Every write of a member, by name, anywhere in the file (class-fields.ts). */
  get memberWrites(): MemberWrites {
    return (this.memberWritesOnce ??= new MemberWrites(this.sourceCode.ast, this.sourceCode.visitorKeys));
  }

  /** How a class's own code uses its instance members (class-fields.ts), built once per class. */
  classFields(node: ClassNode): ClassFields {
    let fields = this.classes.get(node);
    if (!fields) {
      fields = new ClassFields(node, this.sourceCode.visitorKeys);
      this.classes.set(node, fields);
    }
    return fields;
  }

  /**
   * A fact about this file that a layer above computes (detection: what each class of the file owns,
   * for one client table), built once per `key` and kept with the file like the facts above, so no
   * layer keeps per-file state of its own. `key` is the computing layer's own object (a table).
   */
  derived<T>(key: object, compute: () => T): T {
    if (!this.derivedFacts.has(key)) this.derivedFacts.set(key, compute());
    return this.derivedFacts.get(key) as T;
  }

  /** Every name the file declares, in any scope, or reads as a global: a name a fix adds must be none of them. */
  get namesInUse(): ReadonlySet<string> {
    if (!this.namesInUseOnce) {
      const names = new Set<string>();
      for (const scope of this.sourceCode.scopeManager?.scopes ?? []) {
        for (const variable of scope.variables) names.add(variable.name);
        for (const reference of scope.through) names.add(reference.identifier.name);
      }
      this.namesInUseOnce = names;
    }
    return this.namesInUseOnce;
  }
}

const analyses = new WeakMap<TSESTree.Program, FileAnalysis>();

export function fileAnalysis(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileAnalysis {
  const sourceCode = context.sourceCode;
  let analysis = analyses.get(sourceCode.ast);
  if (!analysis) {
    // A new linted file: cached answers about other files are checked against the disk again (once).
    beginRun();
    analysis = new FileAnalysis(sourceCode, context.filename, projectOf(context));
    analyses.set(sourceCode.ast, analysis);
  }
  return analysis;
}
