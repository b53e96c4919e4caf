import type { JSONSchema } from '@typescript-eslint/utils';

/**
 * The schema of an option that adds rows to a table, as `{ package, export }` pairs: one shape for
 * every rule, so users learn it once. `extra` adds the table's own columns (the client table's `close`).
 */
export function tableRowsSchema(
  description: string,
  extra: Record<string, JSONSchema.JSONSchema4> = {},
): JSONSchema.JSONSchema4 {
  return {
    type: 'array',
    description,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['package', 'export'],
      properties: {
        package: { type: 'string', minLength: 1, description: 'The module name as imported.' },
        export: {
          type: 'string',
          minLength: 1,
          description:
            "The export, as a dotted path ('default' for the module's default export); '*' matches any characters.",
        },
        via: { type: 'string', enum: ['new', 'call', 'any'], description: "'new X()', 'X()', or either (default)." },
        ...extra,
      },
    },
  };
}
