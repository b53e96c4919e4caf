import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { enclosingClass, isFunction, memberName, unwrap, within } from '../../analysis/ast.js';
import type { FileAnalysis } from '../../analysis/file-analysis.js';
import { runsBehindGuard } from '../../analysis/guard-walk.js';
import { enclosingBoundary } from '../../analysis/module-load.js';
import { walk } from '../../analysis/subtree-walk.js';
import { COUNT_METHODS, type ProcessCalls } from './process-calls.js';
import { expressionKey } from './shared.js';

const LOGICAL_ASSIGNMENT = new Set(['??=', '||=', '&&=']);

/** A write to a flag or a registry, indexed by the written expression's text. */
interface Write {
  readonly node: TSESTree.Node;
  /** false, null, undefined, 0, '', delete, Set#delete, Set#clear: the flag no longer says "done". */
  readonly resets: boolean;
}

function isFalsyLiteral(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return !value.value;
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'undefined';
  return value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void';
}

/**
 * Once-guards: what stops a registration that runs again from stacking, a listener count or a flag or
 * registry that it sets (not to be confused with analysis/role-guard.ts, which asks which process runs).
 */
export class OnceGuards {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private writes: Map<string, Write[]> | undefined;

  constructor(
    private readonly analysis: FileAnalysis,
    private readonly calls: ProcessCalls,
  ) {
    this.sourceCode = analysis.sourceCode;
  }

  /** A guard between the node and its function: an enclosing `if` or an earlier early exit, on a flag the function sets. */
  isGuarded(node: TSESTree.Node, boundary: TSESTree.Node): boolean {
    return runsBehindGuard(node, {
      isGuard: (test) => this.isGuardTest(test, boundary),
      stop: boundary,
      // instance ??= new Client()
      guardsChild: (parent, child) =>
        parent.type === AST_NODE_TYPES.AssignmentExpression &&
        parent.right === child &&
        LOGICAL_ASSIGNMENT.has(parent.operator) &&
        this.isPersistent(parent.left, boundary),
    });
  }

  /**
   * A test that stops a second registration: it reads `process.listenerCount()` (or `listeners()`), or
   * a flag (a module variable, a field, a `#private` field) or a registry's `.has()` that the same
   * function sets, and that nothing else resets (a `stop()` that clears the flag re-arms the guard).
   */
  private isGuardTest(test: TSESTree.Node, boundary: TSESTree.Node): boolean {
    const flags: { node: TSESTree.Node; registry: boolean }[] = [];
    let counts = false;
    walk(test, this.sourceCode.visitorKeys, (node) => {
      if (isFunction(node)) return false;
      if (node.type === AST_NODE_TYPES.CallExpression) {
        if (this.calls.processCall(node, COUNT_METHODS)) counts = true;
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'has')
          flags.push({ node: callee.object, registry: true });
        return true;
      }
      if (node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.Identifier) {
        flags.push({ node, registry: false });
        return false;
      }
      return true;
    });
    if (counts) return true;
    return flags.some(
      ({ node, registry }) => this.isPersistent(node, boundary) && this.setsWithoutReset(node, registry, boundary),
    );
  }

  /** A flag that outlives one call: `this.x`, `this.#x`, `Class.x`, or a variable declared outside the function. */
  private isPersistent(flag: TSESTree.Node, boundary: TSESTree.Node): boolean {
    let root = unwrap(flag);
    while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
    if (root.type === AST_NODE_TYPES.ThisExpression) return true;
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = this.analysis.resolver.variableOf(root);
    if (!variable) return true;
    return !within(variable.scope.block, boundary);
  }

  private setsWithoutReset(flag: TSESTree.Node, registry: boolean, boundary: TSESTree.Node): boolean {
    const writes = this.writesTo(expressionKey(this.sourceCode, flag)).filter(
      (write) => registry === (write.node.type === AST_NODE_TYPES.CallExpression),
    );
    if (!writes.some((write) => !write.resets && within(write.node, boundary))) return false;
    const ownClass = expressionKey(this.sourceCode, flag).startsWith('this.') ? enclosingClass(boundary) : undefined;
    return !writes.some(
      (write) =>
        write.resets &&
        !within(write.node, boundary) &&
        (!ownClass || enclosingClass(write.node) === ownClass) &&
        !this.inConstructor(write.node),
    );
  }

  private inConstructor(node: TSESTree.Node): boolean {
    const boundary = enclosingBoundary(node);
    return boundary?.parent?.type === AST_NODE_TYPES.MethodDefinition && boundary.parent.kind === 'constructor';
  }

  /** Every assignment, update, delete and registry add/set/delete/clear in the file, by target text; built once. */
  private writesTo(key: string): readonly Write[] {
    if (!this.writes) {
      const writes = new Map<string, Write[]>();
      const add = (target: TSESTree.Node, node: TSESTree.Node, resets: boolean) => {
        const k = expressionKey(this.sourceCode, target);
        const list = writes.get(k);
        if (list) list.push({ node, resets });
        else writes.set(k, [{ node, resets }]);
      };
      walk(this.sourceCode.ast, this.sourceCode.visitorKeys, (node) => {
        if (node.type === AST_NODE_TYPES.AssignmentExpression)
          add(node.left, node, node.operator === '=' && isFalsyLiteral(node.right));
        else if (node.type === AST_NODE_TYPES.UpdateExpression) add(node.argument, node, false);
        else if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete')
          add(node.argument, node, true);
        else if (node.type === AST_NODE_TYPES.CallExpression) {
          const callee = unwrap(node.callee);
          const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
          if (callee.type === AST_NODE_TYPES.MemberExpression && (method === 'add' || method === 'set'))
            add(callee.object, node, false);
          if (callee.type === AST_NODE_TYPES.MemberExpression && (method === 'delete' || method === 'clear'))
            add(callee.object, node, true);
        }
      });
      this.writes = writes;
    }
    return this.writes.get(key) ?? [];
  }
}
