import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

const NODE_TYPES = /[\\/]@types[\\/]node[\\/]/;
/** The types that hold sockets, and where each must be declared to count (user names count anywhere). */
const BUILT_IN = new Map<string, RegExp>([
  ['Agent', /[\\/]@types[\\/]node[\\/]|[\\/]undici/],
  ['Socket', NODE_TYPES],
  ['Dispatcher', /[\\/]undici/],
]);
/**
 * How deep a type's properties are searched for a socket-holding type: a client holds its agent or
 * socket directly or one object down (`this.pool.agent`). Deeper, almost every object graph in Node
 * reaches a Socket somewhere (streams, requests), which would cost precision, and each level multiplies
 * the checker's work.
 */
const MAX_PROPERTY_DEPTH = 2;
/** Node types that reach sockets without owning a client: a request or response, and the process (its stdio). */
const NOT_CLIENTS = new Set(['IncomingMessage', 'OutgoingMessage', 'ClientRequest', 'ServerResponse', 'Process']);

/**
 * An optional property below the top level (`options.agent?.http`): the shape of an option a caller may
 * pass, not something the object creates. got's `new Options()` has an `agent: { http?: Agent, ... }`
 * that is undefined unless a user hands one in. A top-level optional member (`private agent?: Agent`,
 * created lazily) still counts.
 */
function isOptionalOption(declaration: ts.Declaration, depth: number): boolean {
  return depth > 0 && (declaration as { questionToken?: unknown }).questionToken !== undefined;
}

/**
 * A property with a setter (`set h2session(value)`): what it holds is whatever a caller sets, an option
 * like the optional ones above, not something the object creates. got's `Options` has a settable
 * `h2session`. Recognised by shape (one parameter, no return type: TypeScript allows none on a setter)
 * rather than by SyntaxKind, whose values differ between TypeScript versions.
 */
function hasSetter(property: ts.Symbol): boolean {
  return (property.declarations ?? []).some((declaration) => {
    const shape = declaration as { parameters?: readonly unknown[]; type?: unknown };
    return shape.parameters?.length === 1 && shape.type === undefined && 'name' in declaration;
  });
}

/** A property one of those types declares (`req.socket`, `res.connection`, `process.stdout`): not a client's. */
function declaredByNonClient(declaration: ts.Declaration): boolean {
  const owner = (declaration.parent as { name?: { text?: unknown } } | undefined)?.name?.text;
  return typeof owner === 'string' && NOT_CLIENTS.has(owner) && NODE_TYPES.test(declaration.getSourceFile().fileName);
}

/**
 * A module's namespace type: its symbol is the module itself, named by the quoted module name or
 * file path (`"net"`, `"/x/lib/client"`), by shape rather than by SymbolFlags, whose values differ
 * between TypeScript versions.
 */
function isModuleNamespace(type: ts.Type): boolean {
  const name = type.getSymbol()?.getName();
  return name !== undefined && name.startsWith('"') && name.endsWith('"');
}

/**
 * typeAware mode: a construction at load is a client when its type is, extends, or has a property (two
 * levels deep) of a socket-holding type. Catches clients from libraries no table lists. The checker is
 * asked only after the syntactic filters passed, and answers are cached per type.
 */
export class SocketTypes {
  private readonly checker: ts.TypeChecker;
  private readonly userNames: Set<string>;
  private readonly memo = new Map<ts.Type, boolean>();

  constructor(
    private readonly services: ParserServicesWithTypeInformation,
    clientTypes: readonly string[],
  ) {
    this.checker = services.program.getTypeChecker();
    this.userNames = new Set(clientTypes);
  }

  isClient(node: TSESTree.Node): boolean {
    const type = this.services.getTypeAtLocation(node);
    // A module's namespace object (`require('net')`, `__importStar(require('http'))`) is not a created
    // client: its functions create sockets when called, which are findings of their own.
    if (isModuleNamespace(type)) return false;
    return this.holds(type, 0, new Set());
  }

  private holds(type: ts.Type, depth: number, seen: Set<ts.Type>): boolean {
    const known = this.memo.get(type);
    if (known !== undefined) return known;
    if (seen.has(type)) return false;
    seen.add(type);
    const result = this.compute(type, depth, seen);
    if (depth === 0) this.memo.set(type, result);
    return result;
  }

  private compute(type: ts.Type, depth: number, seen: Set<ts.Type>): boolean {
    if (type.isUnionOrIntersection()) return type.types.some((member) => this.holds(member, depth, seen));
    if (this.isSocketType(type)) return true;
    const target = (type as ts.TypeReference).target ?? type;
    if (target.isClassOrInterface()) {
      for (const base of this.checker.getBaseTypes(target)) if (this.holds(base, depth, seen)) return true;
    }
    // Primitives have no properties of their own here; TypeFlags values differ between TypeScript
    // versions, so the check is by shape, not by flag.
    if (depth >= MAX_PROPERTY_DEPTH) return false;
    for (const property of type.getProperties()) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      if (
        !declaration ||
        declaredByNonClient(declaration) ||
        isOptionalOption(declaration, depth) ||
        hasSetter(property)
      )
        continue;
      const propertyType = this.checker.getTypeOfSymbolAtLocation(property, declaration);
      if (this.holds(propertyType, depth + 1, seen)) return true;
    }
    return false;
  }

  private isSocketType(type: ts.Type): boolean {
    const symbol = type.getSymbol() ?? type.aliasSymbol;
    if (!symbol) return false;
    const name = symbol.getName();
    if (this.userNames.has(name)) return true;
    const where = BUILT_IN.get(name); // a Map: a type named 'constructor' or 'toString' is no entry
    return (
      where !== undefined &&
      (symbol.declarations ?? []).some((declaration) => where.test(declaration.getSourceFile().fileName))
    );
  }
}
