import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/**
 * Plain data copied from a resource: a copy of it cannot go stale in the way a handle does, and
 * precision matters more than reach, so no-cached-handle leaves it alone. Decided by name and by
 * declaration only, never by guessing from usage:
 * - a member on the way whose name says it is data: a configuration or options object, a name, an
 *   address, an id, a version, a size, a count, a status, a flag (`config`, `options`, `url`, `baseURL`,
 *   `region`, `projectId`, `serviceName`, `totalCount`, `status`, `isReady`, `MAX_RETRIES`, ...);
 * - a copy into a field or variable declared with a primitive type (`string`, `number`, `boolean`,
 *   `bigint`, a literal type, or a union of those with `null`/`undefined`), or with a string, number,
 *   boolean or template literal as its initial or default value.
 */
const DATA_NAMES = new Set([
  'config',
  'configuration',
  'cfg',
  'options',
  'opts',
  'settings',
  'defaults',
  'env',
  'environment',
  'name',
  'url',
  'uri',
  'href',
  'baseURL',
  'baseUrl',
  'host',
  'hostname',
  'port',
  'protocol',
  'path',
  'endpoint',
  'region',
  'id',
  'version',
  'timeout',
  'length',
  'size',
  'type',
  'kind',
  'level',
  'mode',
  'status',
  'state',
]);
/** camelCase names ending in one of these words: `apiUrl`, `projectId`, `serviceName`, `clientConfig`, `requestTimeout`, `totalCount`. */
const DATA_SUFFIX =
  /[a-z0-9](?:Url|URL|Uri|URI|Id|ID|Name|Config|Options|Settings|Version|Timeout|Host|Port|Region|Endpoint|Count|Status|State)$/;
/** `isReady`, `hasSession`: a flag. */
const FLAG = /^(?:is|has)[A-Z]/;
/** `MAX_RETRIES`, `VERSION`: a constant. */
const CONSTANT = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

export function isDataName(name: string): boolean {
  const bare = name.startsWith('#') ? name.slice(1) : name;
  return DATA_NAMES.has(bare) || DATA_SUFFIX.test(bare) || FLAG.test(bare) || (bare.length > 1 && CONSTANT.test(bare));
}

const PRIMITIVE_TYPES = new Set<string>([
  AST_NODE_TYPES.TSStringKeyword,
  AST_NODE_TYPES.TSNumberKeyword,
  AST_NODE_TYPES.TSBooleanKeyword,
  AST_NODE_TYPES.TSBigIntKeyword,
  AST_NODE_TYPES.TSLiteralType,
  AST_NODE_TYPES.TSTemplateLiteralType,
]);
const EMPTY_TYPES = new Set<string>([AST_NODE_TYPES.TSNullKeyword, AST_NODE_TYPES.TSUndefinedKeyword]);

/** `string`, `'a' | 'b'`, `number | undefined`: a type that holds plain data only. */
export function isPrimitiveType(annotation: TSESTree.TSTypeAnnotation | undefined): boolean {
  if (!annotation) return false;
  const primitive = (type: TSESTree.TypeNode): boolean =>
    type.type === AST_NODE_TYPES.TSUnionType
      ? type.types.every((member) => primitive(member) || EMPTY_TYPES.has(member.type))
      : PRIMITIVE_TYPES.has(type.type);
  return primitive(annotation.typeAnnotation);
}

/** A string, number, boolean, bigint or template literal (`30`, `'x'`, `-1`, `` `v${n}` ``). */
export function isPrimitiveLiteral(node: TSESTree.Node | null | undefined): boolean {
  if (!node) return false;
  if (node.type === AST_NODE_TYPES.Literal) return node.value !== null && !(node.value instanceof RegExp);
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return true;
  return (
    node.type === AST_NODE_TYPES.UnaryExpression &&
    (node.operator === '-' || node.operator === '+') &&
    isPrimitiveLiteral(node.argument)
  );
}
