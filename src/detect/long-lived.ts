import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { SocketTypes } from './client-types.js';
import { classOfMember, type ClassNode } from '../analysis/ast.js';
import { accessedName, classFields, instanceClassOf } from '../analysis/class-fields.js';
import type { FileAnalysis } from '../analysis/file-analysis.js';
import { isModuleMember, unwrap } from '../analysis/resolve.js';
import { walk } from '../analysis/subtree-walk.js';
import { CLIENTS } from '../tables/clients.js';
import { EntryTable } from './table-match.js';

/**
 * Long-lived resources: objects that stay while what they hold is re-created, so that a copy of one of
 * their members, taken once, goes stale.
 * - `holder`: the value of a perProcess() holder of the runtime (`holder.get()`): a fresh one per process.
 * - `proxy`: a perProcessProxy(): its members belong to the value of the moment.
 * - `client`: a module-scope binding initialised at load by a client from the client table (what
 *   no-module-scope-client reports, and turns into a holder).
 * - `singleton`: what a singleton accessor hands out (`X.instance()`, `X.getInstance()`, `getInstance()`,
 *   a static `X.instance`), whose members a reset re-creates.
 * - `reinit`: a field of the class whose own code assigns it again outside the constructor (a reset,
 *   reinit or reconnect method writes `this.resources = ...`).
 * Reached through aliases: a const bound to one, a constructor parameter the constructor keeps on
 * `this` (or a parameter property), a field the class fills with one.
 */
export type ResourceKind = 'holder' | 'proxy' | 'client' | 'singleton' | 'reinit';

export interface Resource {
  readonly kind: ResourceKind;
  /** Why the resource outlives a copy, as a clause for the message. */
  readonly why: string;
}

/** A stored value that copies a member of a long-lived resource. */
export interface Copy {
  readonly resource: Resource;
  /** The member read that is copied: `this.resources.api`, `holder.get()`, for a bind copy `client.send`. */
  readonly read: TSESTree.Expression;
  /** The member names from the resource to the copy: ['api'], ['api', 'users']; [] for a holder's whole value. */
  readonly path: readonly string[];
  /** `client.send.bind(client)`: the bind call. */
  readonly bind: TSESTree.CallExpression | undefined;
}

/** The static member names along a read, through calls: `this.transport.get().api` gives transport, get, api. */
export function namesAlong(read: TSESTree.Node): string[] {
  const names: string[] = [];
  let current = unwrap(read);
  for (let i = 0; i < 16; i++) {
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const name = accessedName(current);
      if (name !== undefined) names.unshift(name);
      current = unwrap(current.object);
    } else if (current.type === AST_NODE_TYPES.CallExpression) {
      current = unwrap(current.callee);
    } else {
      break;
    }
  }
  return names;
}

type HolderKind = 'perProcess' | 'perProcessProxy';

const MAX_DEPTH = 8;
const SINGLETON_ACCESSORS = new Set(['instance', 'getInstance']);

/** The value shapes `LongLived.copyOf` can find a copy in: a member read, or a call (`.bind`, a holder). */
function mayBeCopy(value: TSESTree.Node): boolean {
  const node = unwrap(value);
  return node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.CallExpression;
}

/**
 * A cheap syntactic look at a class member before any class analysis: could it store a copy? A field
 * initialised with a member read or a call, or a constructor with an `=` assignment of one.
 */
export function mayStoreCopy(member: TSESTree.ClassElement, visitorKeys: TSESLint.SourceCode['visitorKeys']): boolean {
  if (member.type === AST_NODE_TYPES.PropertyDefinition) return member.value !== null && mayBeCopy(member.value);
  if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor' || !member.value.body) return false;
  let found = false;
  walk(member.value.body, visitorKeys, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && mayBeCopy(node.right)) found = true;
    return !found;
  });
  return found;
}

export class LongLived {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;

  constructor(
    private readonly analysis: FileAnalysis,
    private readonly runtimeModule: string,
    /** Type information, in typeAware mode only. */
    private readonly socketTypes?: SocketTypes,
  ) {
    this.sourceCode = analysis.sourceCode;
  }

  /** What a stored value copies: `r.api`, `r.api.users`, `holder.get()`, `r.send.bind(r)`; undefined when it copies no member of a long-lived resource. */
  copyOf(value: TSESTree.Node): Copy | undefined {
    const node = unwrap(value);
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && accessedName(callee) === 'bind') {
        const method = unwrap(callee.object);
        const target = node.arguments[0];
        if (method.type !== AST_NODE_TYPES.MemberExpression || !target || !this.sameExpression(target, method.object)) return undefined;
        const copy = this.memberCopy(method);
        return copy && { ...copy, bind: node };
      }
      const resource = this.resourceOf(node, 0);
      return resource?.kind === 'holder' ? { resource, read: node, path: [], bind: undefined } : undefined;
    }
    return node.type === AST_NODE_TYPES.MemberExpression ? (this.memberCopy(node) ?? this.typedCopy(node)) : undefined;
  }

  /**
   * typeAware: a member whose type holds a socket (an Agent, a Socket, a Dispatcher, a client type the
   * user names) is a live resource whatever object it is read from; a copy of it misses its re-creation.
   */
  private typedCopy(read: TSESTree.MemberExpression): Copy | undefined {
    const name = accessedName(read);
    if (!this.socketTypes || name === undefined || !this.socketTypes.isClient(read)) return undefined;
    return { resource: { kind: 'client', why: `its type holds sockets, which are re-created after a restore` }, read, path: [name], bind: undefined };
  }

  /** A member chain read from a resource: the nearest long-lived object on the way down. */
  memberCopy(read: TSESTree.MemberExpression): Copy | undefined {
    const path: string[] = [];
    let current: TSESTree.Node = read;
    for (let i = 0; i < MAX_DEPTH && current.type === AST_NODE_TYPES.MemberExpression; i++) {
      const name = accessedName(current);
      if (name === undefined) return undefined;
      path.unshift(name);
      const resource = this.resourceOf(current.object, 0) ?? this.renewedMember(current.object, name);
      if (resource) return { resource, read, path, bind: undefined };
      current = unwrap(current.object);
    }
    return undefined;
  }

  /**
   * `resources.api` where `resources` is an instance of a class of this file that assigns `this.api`
   * again in one of its own methods (a reinit after fork): the member is re-created by its owner.
   */
  private renewedMember(object: TSESTree.Node, name: string): Resource | undefined {
    const owner = this.classOfValue(object, 0);
    if (!owner) return undefined;
    const renewal = classFields(owner, this.sourceCode.visitorKeys)
      .accesses(name)
      .find((access) => access.kind === 'write' && access.phase === 'later' && access.assignment?.operator === '=' && !isNullish(access.assignment.right));
    if (!renewal) return undefined;
    return { kind: 'reinit', why: `${renewalLabel(renewal.member, owner)} assigns a new ${name}` };
  }

  /** The same-file class an expression is an instance of: `new C()`, through a const, a kept constructor parameter or a field filled only that way. */
  private classOfValue(expression: TSESTree.Node, depth: number): ClassNode | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const node = unwrap(expression);
    if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier) {
      const def = this.analysis.resolver.variableOf(node.callee)?.defs[0];
      return def?.type === 'ClassName' ? (def.node as ClassNode) : undefined;
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = this.analysis.resolver.variableOf(node);
      const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || def?.type !== 'Variable' || !def.node.init || def.node.id !== def.name) return undefined;
      if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
      return this.classOfValue(def.node.init, depth + 1);
    }
    if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
      const owner = instanceClassOf(node.object);
      const field = accessedName(node);
      const values = owner && field !== undefined ? fieldValues(classFields(owner, this.sourceCode.visitorKeys), field) : undefined;
      if (!values || values.length === 0) return undefined;
      const classes = values.map((value) => this.classOfValue(value, depth + 1));
      return classes.every((found) => found === classes[0]) ? classes[0] : undefined;
    }
    return undefined;
  }

  /** The long-lived resource an expression stands for, if it is one. */
  resourceOf(expression: TSESTree.Node, depth: number): Resource | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const node = unwrap(expression);
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && accessedName(callee) === 'get' && node.arguments.length === 0) {
          if (this.holderKind(callee.object, depth + 1) === 'perProcess') {
            return { kind: 'holder', why: `${this.short(callee.object)} is a perProcess() holder, which creates a fresh value in each process` };
          }
          return undefined;
        }
        const accessor =
          callee.type === AST_NODE_TYPES.MemberExpression
            ? accessedName(callee)
            : callee.type === AST_NODE_TYPES.Identifier && callee.name === 'getInstance'
              ? callee.name
              : undefined;
        if (accessor !== undefined && SINGLETON_ACCESSORS.has(accessor)) {
          return { kind: 'singleton', why: `${this.short(node)} hands out the shared instance, whose members are re-created when it is reset` };
        }
        return undefined;
      }
      case AST_NODE_TYPES.MemberExpression: {
        if (node.object.type === AST_NODE_TYPES.ThisExpression) {
          const owner = instanceClassOf(node.object);
          const field = accessedName(node);
          return owner && field !== undefined ? this.fieldResource(owner, field, depth + 1) : undefined;
        }
        if (accessedName(node) === 'instance' && this.isClassName(node.object)) {
          return { kind: 'singleton', why: `${this.short(node)} is the shared instance, whose members are re-created when it is reset` };
        }
        return undefined;
      }
      case AST_NODE_TYPES.Identifier:
        return this.identifierResource(node, depth + 1);
      default:
        return undefined;
    }
  }

  private identifierResource(node: TSESTree.Identifier, depth: number): Resource | undefined {
    const variable = this.analysis.resolver.variableOf(node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || !def) return undefined;
    if (def.type === 'Variable') {
      const init = def.node.init;
      if (!init || def.node.id !== def.name || variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
      if (this.holderKind(node, depth) === 'perProcessProxy') {
        return { kind: 'proxy', why: `${node.name} is a perProcessProxy(), whose members belong to a fresh value in each process` };
      }
      const scope = variable.scope.type;
      if ((scope === 'module' || scope === 'global') && this.isClientAtLoad(init)) {
        return { kind: 'client', why: `${node.name} is a client created at module load, which has to be re-created in each process` };
      }
      // `const r = Manager.instance()`: an alias.
      return this.resourceOf(init, depth);
    }
    if (def.type === 'Parameter') {
      const fn = def.node;
      const method = fn.parent;
      if (fn.type !== AST_NODE_TYPES.FunctionExpression || method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'constructor') return undefined;
      const owner = classOfMember(method);
      const name = def.name as TSESTree.Identifier;
      const stored = owner && classFields(owner, this.sourceCode.visitorKeys).storedParameter(name);
      if (owner && stored) return this.fieldResource(owner, stored.field, depth);
      const pattern = name.parent;
      return pattern?.type === AST_NODE_TYPES.AssignmentPattern && pattern.left === name ? this.resourceOf(pattern.right, depth) : undefined;
    }
    return undefined;
  }

  /** `this.<field>` of a class: re-assigned by the class's own later code, or filled only with resources. */
  private fieldResource(owner: ClassNode, field: string, depth: number): Resource | undefined {
    const fields = classFields(owner, this.sourceCode.visitorKeys);
    const renewal = fields
      .accesses(field)
      .find((access) => access.kind === 'write' && access.phase === 'later' && access.assignment?.operator === '=' && !isNullish(access.assignment.right));
    if (renewal) return { kind: 'reinit', why: `${renewalLabel(renewal.member)} assigns a new this.${field}` };
    if (this.holderKind(undefined, depth, owner, field) === 'perProcessProxy') {
      return { kind: 'proxy', why: `this.${field} is a perProcessProxy(), whose members belong to a fresh value in each process` };
    }
    const values = fieldValues(fields, field);
    if (!values || values.length === 0) return undefined;
    const resources = values.map((value) => this.resourceOf(value, depth + 1));
    const first = resources[0];
    return first && resources.every((resource) => resource?.kind === first.kind) ? first : undefined;
  }

  /** Whether an expression is a holder (`perProcess(...)`) or a proxy (`perProcessProxy(...)`) of the runtime, directly or through a const or a field. */
  private holderKind(expression: TSESTree.Node | undefined, depth: number, owner?: ClassNode, field?: string): HolderKind | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (owner && field !== undefined) {
      const values = fieldValues(classFields(owner, this.sourceCode.visitorKeys), field);
      if (!values || values.length === 0) return undefined;
      const kinds = values.map((value) => this.holderKind(value, depth + 1));
      return kinds.every((kind) => kind === kinds[0]) ? kinds[0] : undefined;
    }
    if (!expression) return undefined;
    const node = unwrap(expression);
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression: {
        const callee = this.analysis.resolver.resolve(node.callee);
        if (isModuleMember(callee, this.runtimeModule, ['perProcess'])) return 'perProcess';
        if (isModuleMember(callee, this.runtimeModule, ['perProcessProxy'])) return 'perProcessProxy';
        return undefined;
      }
      case AST_NODE_TYPES.Identifier: {
        const variable = this.analysis.resolver.variableOf(node);
        const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (!variable || def?.type !== 'Variable' || !def.node.init || def.node.id !== def.name) return undefined;
        if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return undefined;
        return this.holderKind(def.node.init, depth + 1);
      }
      case AST_NODE_TYPES.MemberExpression: {
        if (node.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
        const fieldOwner = instanceClassOf(node.object);
        const name = accessedName(node);
        return fieldOwner && name !== undefined ? this.holderKind(undefined, depth + 1, fieldOwner, name) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** `const client = new Redis()` (or `globalThis.x ?? new Redis()`) at load, with a client-table row. */
  private isClientAtLoad(init: TSESTree.Expression): boolean {
    let creation = unwrap(init);
    if (creation.type === AST_NODE_TYPES.LogicalExpression && (creation.operator === '??' || creation.operator === '||')) creation = unwrap(creation.right);
    if (creation.type !== AST_NODE_TYPES.NewExpression && creation.type !== AST_NODE_TYPES.CallExpression) return false;
    return EntryTable.of(CLIENTS).match(creation, this.analysis.resolver.resolve(creation.callee)) !== undefined && this.analysis.moduleLoad.runsAtLoad(creation);
  }

  /** `Manager` in `Manager.instance`: a class of this file, or a capitalised name (a class by convention). */
  private isClassName(node: TSESTree.Node): boolean {
    const object = unwrap(node);
    if (object.type !== AST_NODE_TYPES.Identifier) return false;
    const def = this.analysis.resolver.variableOf(object)?.defs[0];
    return def?.type === 'ClassName' || /^[A-Z]/.test(object.name);
  }

  private sameExpression(a: TSESTree.Node, b: TSESTree.Node): boolean {
    const text = (node: TSESTree.Node) =>
      this.sourceCode
        .getTokens(unwrap(node))
        .map((token) => token.value)
        .join(' ');
    return text(a) === text(b);
  }

  private short(node: TSESTree.Node): string {
    const text = this.sourceCode.getText(node).replace(/\s+/g, ' ');
    return text.length > 40 ? `${text.slice(0, 37)}...` : text;
  }
}

/** Every value the class assigns to a field with `=`: field initialisers, parameter-property defaults, `this.f = v`; undefined when some write is of another form. */
function fieldValues(fields: ReturnType<typeof classFields>, field: string): TSESTree.Expression[] | undefined {
  const values: TSESTree.Expression[] = [];
  for (const declaration of fields.declarations(field)) {
    if (declaration.type === AST_NODE_TYPES.TSParameterProperty) {
      if (declaration.parameter.type !== AST_NODE_TYPES.AssignmentPattern) return undefined;
      values.push(declaration.parameter.right);
    } else if (declaration.value) {
      values.push(declaration.value);
    }
  }
  for (const access of fields.accesses(field)) {
    if (access.kind !== 'write') continue;
    if (access.assignment?.operator !== '=') return undefined;
    values.push(access.assignment.right);
  }
  return values;
}

/** `reinit()`, `Manager's reinit()`, or 'a callback in the constructor'. */
function renewalLabel(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.AccessorProperty, owner?: ClassNode): string {
  if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') return 'a callback in the constructor';
  const name = keyText(member);
  if (name === undefined) return 'a method';
  return owner?.id ? `${owner.id.name}'s ${name}()` : `${name}()`;
}

function keyText(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.AccessorProperty): string | undefined {
  if (member.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${member.key.name}`;
  return !member.computed && member.key.type === AST_NODE_TYPES.Identifier ? member.key.name : undefined;
}

export function isNullish(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return (
    (value.type === AST_NODE_TYPES.Literal && value.value === null && !('regex' in value)) ||
    (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') ||
    (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void')
  );
}
