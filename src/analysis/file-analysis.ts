import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ClassNode } from './ast.js';
import { ClassFields, MemberWrites } from './class-fields.js';
import { ModuleLoad } from './module-load.js';
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
  private roleGuardsOnce: RoleGuards | undefined;
  private memberWritesOnce: MemberWrites | undefined;
  private namesInUseOnce: ReadonlySet<string> | undefined;
  private readonly classes = new Map<ClassNode, ClassFields>();
  private readonly derivedFacts = new Map<object, unknown>();

  constructor(
    readonly sourceCode: Readonly<TSESLint.SourceCode>,
    /** The file on disk (ESLint's `context.filename`): where relative imports of the file's own package resolve. */
    readonly filename?: string,
  ) {}

  /** What each name and expression resolves to (resolve.ts). */
  get resolver(): Resolver {
    return (this.resolverOnce ??= new Resolver(this.sourceCode, this.filename));
  }

  /** Which code runs while the module loads (module-load.ts). */
  get moduleLoad(): ModuleLoad {
    return (this.moduleLoadOnce ??= new ModuleLoad(this.resolver));
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
    analysis = new FileAnalysis(sourceCode, context.filename);
    analyses.set(sourceCode.ast, analysis);
  }
  return analysis;
}
