import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  classOfMember,
  isWriteTarget,
  keyName,
  memberName,
  SYNC_CALLBACK_METHODS,
  unwrap,
  type ClassNode,
} from './ast.js';
import { childNodes, walk } from './subtree-walk.js';

type ClassMember = TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.AccessorProperty;
type VisitorKeys = TSESLint.SourceCode['visitorKeys'];

/** An arrow passed to an iteration method, which calls it before it returns. */
function runsInPlace(fn: TSESTree.ArrowFunctionExpression): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !(call.arguments as readonly TSESTree.Node[]).includes(fn))
    return false;
  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
  return name !== undefined && SYNC_CALLBACK_METHODS.has(name);
}

/**
 * How the instance members of one class are used by its own code: every `this.x` read and write, with
 * when it runs. `init` is the constructor body itself and the instance field initialisers (once per
 * instance, before anyone else sees it); `later` is every other method, accessor, and any callback
 * written inside the constructor (it runs when called, possibly again and again).
 */
export interface FieldAccess {
  /** The `this.x` member expression. */
  readonly node: TSESTree.MemberExpression;
  readonly kind: 'read' | 'write';
  /** `this.x = value` (any operator) when the write is an assignment. */
  readonly assignment: TSESTree.AssignmentExpression | undefined;
  readonly phase: 'init' | 'later';
  readonly member: ClassMember;
}

/** A constructor parameter the constructor keeps on `this`: `this.resources = resources`, or a parameter property. */
export interface StoredParameter {
  readonly field: string;
  /** The top-level constructor statement that stores it; undefined for a parameter property (stored before the body runs). */
  readonly statement: TSESTree.Statement | undefined;
}

/** The class whose instance a `this` stands for (through arrow functions), or undefined (a plain function's `this`, a static member's). */
export function instanceClassOf(node: TSESTree.ThisExpression): ClassNode | undefined {
  let child: TSESTree.Node = node;
  for (let parent: TSESTree.Node | undefined = node.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.ArrowFunctionExpression:
        break;
      case AST_NODE_TYPES.FunctionExpression: {
        const method = parent.parent;
        if (method?.type === AST_NODE_TYPES.MethodDefinition && method.value === parent && !method.static)
          return classOfMember(method);
        return undefined;
      }
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.StaticBlock:
        return undefined;
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.AccessorProperty:
        if (parent.value === child) return parent.static ? undefined : classOfMember(parent);
        break;
      default:
        break;
    }
  }
  return undefined;
}

export class ClassFields {
  readonly constructorMethod: TSESTree.MethodDefinition | undefined;
  /** Every `this.x` by name: the walk of the whole class, done on the first question that needs it. */
  private byNameOnce: Map<string, FieldAccess[]> | undefined;
  /** What that walk covers: each member's code, with the phase it runs in. */
  private readonly toScan: { root: TSESTree.Node; member: ClassMember; phase: 'init' | 'later' }[] = [];
  private readonly declared = new Map<
    string,
    (TSESTree.PropertyDefinition | TSESTree.AccessorProperty | TSESTree.TSParameterProperty)[]
  >();
  private readonly otherMembers = new Map<string, TSESTree.MethodDefinition[]>();

  constructor(
    readonly node: ClassNode,
    private readonly visitorKeys: VisitorKeys,
  ) {
    for (const member of node.body.body) {
      switch (member.type) {
        case AST_NODE_TYPES.MethodDefinition: {
          if (member.static) break;
          const name = keyName(member);
          if (member.kind === 'constructor') {
            this.constructorMethod = member;
            for (const param of member.value.params) {
              if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
              const id =
                param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
              if (id.type === AST_NODE_TYPES.Identifier) push(this.declared, id.name, param);
            }
          } else if (name !== undefined) {
            push(this.otherMembers, name, member);
          }
          this.toScan.push({ root: member.value, member, phase: member.kind === 'constructor' ? 'init' : 'later' });
          break;
        }
        case AST_NODE_TYPES.PropertyDefinition:
        case AST_NODE_TYPES.AccessorProperty: {
          if (member.static) break;
          const name = keyName(member);
          if (name !== undefined) push(this.declared, name, member);
          if (member.value) this.toScan.push({ root: member.value, member, phase: 'init' });
          break;
        }
        default:
          break;
      }
    }
  }

  private get byName(): Map<string, FieldAccess[]> {
    if (!this.byNameOnce) {
      this.byNameOnce = new Map();
      for (const { root, member, phase } of this.toScan) this.scan(this.byNameOnce, root, member, phase);
    }
    return this.byNameOnce;
  }

  /** Every `this.x` in the class's own instance code, in source order per member. */
  all(): FieldAccess[] {
    return [...this.byName.values()].flat().sort((a, b) => a.node.range[0] - b.node.range[0]);
  }

  /** Every `this.<name>` in the class's own instance code. */
  accesses(name: string): readonly FieldAccess[] {
    return this.byName.get(name) ?? [];
  }

  /** The instance field declarations and parameter properties of that name. */
  declarations(
    name: string,
  ): readonly (TSESTree.PropertyDefinition | TSESTree.AccessorProperty | TSESTree.TSParameterProperty)[] {
    return this.declared.get(name) ?? [];
  }

  /** Instance methods and accessors of that name. */
  methods(name: string): readonly TSESTree.MethodDefinition[] {
    return this.otherMembers.get(name) ?? [];
  }

  /** Whether the class's code writes `this.<name>` outside the constructor and the field initialisers. */
  writtenLater(name: string): boolean {
    return this.accesses(name).some((access) => access.kind === 'write' && access.phase === 'later');
  }

  /** The field a constructor parameter (by name) is kept in, if the constructor keeps it. */
  storedParameter(parameter: TSESTree.Identifier): StoredParameter | undefined {
    const constructor = this.constructorMethod;
    if (!constructor) return undefined;
    const property =
      parameter.parent?.type === AST_NODE_TYPES.AssignmentPattern ? parameter.parent.parent : parameter.parent;
    if (property?.type === AST_NODE_TYPES.TSParameterProperty) return { field: parameter.name, statement: undefined };
    for (const statement of constructor.value.body?.body ?? []) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      const expression = statement.expression;
      if (
        expression.type === AST_NODE_TYPES.AssignmentExpression &&
        expression.operator === '=' &&
        expression.left.type === AST_NODE_TYPES.MemberExpression &&
        expression.left.object.type === AST_NODE_TYPES.ThisExpression &&
        expression.right.type === AST_NODE_TYPES.Identifier &&
        expression.right.name === parameter.name
      ) {
        const field = memberName(expression.left);
        if (field !== undefined) return { field, statement };
      }
    }
    return undefined;
  }

  /** Records the `this.x` accesses under `root` (a method's function, or a field's initialiser). */
  private scan(
    byName: Map<string, FieldAccess[]>,
    root: TSESTree.Node,
    member: ClassMember,
    phase: 'init' | 'later',
  ): void {
    const visitorKeys = this.visitorKeys;
    const visit = (node: TSESTree.Node, current: 'init' | 'later'): void => {
      walk(node, visitorKeys, (inner) => {
        switch (inner.type) {
          case AST_NODE_TYPES.FunctionExpression:
          case AST_NODE_TYPES.FunctionDeclaration:
            // A plain function has its own `this`.
            return false;
          case AST_NODE_TYPES.ArrowFunctionExpression:
            // A callback: it runs later, whenever it is called; an iteration callback
            // (`list.forEach(...)`, `_.each(list, ...)`) runs right there, before the call returns.
            for (const child of childNodes(inner, visitorKeys)) visit(child, runsInPlace(inner) ? current : 'later');
            return false;
          case AST_NODE_TYPES.ClassDeclaration:
          case AST_NODE_TYPES.ClassExpression:
            // A nested class: only its heritage is evaluated where it is written.
            if (inner.superClass) visit(inner.superClass, current);
            return false;
          case AST_NODE_TYPES.MemberExpression: {
            if (inner.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
            const name = memberName(inner);
            if (name === undefined) return undefined;
            const written = isWriteTarget(inner);
            const parent = inner.parent;
            const assignment = written && parent?.type === AST_NODE_TYPES.AssignmentExpression ? parent : undefined;
            push(byName, name, {
              node: inner,
              kind: written ? 'write' : 'read',
              assignment,
              phase: current,
              member,
            });
            return undefined;
          }
          default:
            return undefined;
        }
      });
    };
    // A method's own function is transparent: its parameters and body run in the member's phase.
    if (root.type === AST_NODE_TYPES.FunctionExpression)
      for (const child of childNodes(root, visitorKeys)) visit(child, phase);
    else visit(root, phase);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Everything in a file that writes a member of a given name, on any object (`x.api = ...`, `delete
 * x.api`, `x.api++`, a destructuring target), and every class member of that name declared in a class
 * that extends another. Used to prove that turning a field into a getter is safe in this file.
 */
export class MemberWrites {
  private readonly writes = new Map<string, TSESTree.MemberExpression[]>();
  private readonly subclassMembers = new Map<string, TSESTree.Node[]>();

  constructor(program: TSESTree.Program, visitorKeys: VisitorKeys) {
    walk(program, visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.MemberExpression && isWriteTarget(node)) {
        const name = memberName(node);
        if (name !== undefined) push(this.writes, name, node);
      }
      if (
        (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) &&
        node.superClass
      ) {
        for (const member of node.body.body) {
          if (
            (member.type === AST_NODE_TYPES.MethodDefinition ||
              member.type === AST_NODE_TYPES.PropertyDefinition ||
              member.type === AST_NODE_TYPES.AccessorProperty) &&
            !member.static
          ) {
            const name = keyName(member);
            if (name !== undefined) push(this.subclassMembers, name, member);
          }
        }
      }
      return undefined;
    });
  }

  /**
   * Writes of `<anything>.<name>` other than the given ones that may reach an instance of `owner`: all
   * but `this.<name>` in the instance code of another class that extends nothing (its instances are
   * not `owner`'s; a base class of `owner` is the caller's to check).
   */
  writesOtherThan(name: string, except: readonly TSESTree.Node[], owner: ClassNode): TSESTree.MemberExpression[] {
    return (this.writes.get(name) ?? []).filter((node) => {
      if (except.includes(node)) return false;
      if (node.object.type !== AST_NODE_TYPES.ThisExpression) return true;
      const writer = instanceClassOf(node.object);
      return !writer || writer === owner || writer.superClass !== null;
    });
  }

  /** Members of that name in classes (other than `owner`) that extend another class. */
  declaredInSubclasses(name: string, owner: ClassNode): TSESTree.Node[] {
    return (this.subclassMembers.get(name) ?? []).filter((member) => classOfMember(member) !== owner);
  }
}
