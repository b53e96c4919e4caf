// A binding exported after its declaration (`export default pool`, `module.exports = { pool }`) is seen
// by other modules: the holder they get must keep the client's API, so it is a perProcessProxy suggestion.
import rule from '../../rules/no-module-scope-client.js';
import { runRuleTests } from './rule-tester.js';

runRuleTests('no-module-scope-client (bindings exported by name)', rule, {
  valid: [],
  invalid: [
    {
      name: 'a listener attached at load moves into the proxy factory (every pool gets it, none is made at load)',
      code: `import { Pool } from 'pg';
const pool = new Pool();
pool.on('error', (error) => console.error('idle client', error));
export default pool;`,
      errors: [
        {
          messageId: 'client',
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: 'useProxy',
              output: `import { Pool } from 'pg';
import { perProcessProxy } from 'eslint-plugin-fork-safe/runtime';
const pool = perProcessProxy(() => {
  const created = new Pool();
  created.on('error', (error) => console.error('idle client', error));
  return created;
}, { dispose: (client) => client.end() });
export default pool;`,
            },
          ],
        },
      ],
    },
    {
      name: 'a listener at load that uses a name declared after the pool: no edit (the factory could not run it)',
      code: `import { Pool } from 'pg';
export const pool = new Pool();
const log = (error: Error) => console.error(error);
pool.on('error', log);`,
      errors: [{ messageId: 'client', line: 2, column: 21 }],
    },
    {
      name: 'export default of a local binding',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export default pool;`,
      errors: [
        {
          messageId: 'client',
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: 'useProxy',
              output: `import { Pool } from 'pg';
import { perProcessProxy } from 'eslint-plugin-fork-safe/runtime';
const pool = perProcessProxy(() => new Pool(), { dispose: (client) => client.end() });
export default pool;`,
            },
          ],
        },
      ],
    },
    {
      name: 'module.exports = { pool } in CommonJS',
      code: `const { Pool } = require('pg');
const pool = new Pool();
module.exports = { pool };`,
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [
        {
          messageId: 'client',
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: 'useProxy',
              output: `const { Pool } = require('pg');
const { perProcessProxy } = require('eslint-plugin-fork-safe/runtime');
const pool = perProcessProxy(() => new Pool(), { dispose: (client) => client.end() });
module.exports = { pool };`,
            },
          ],
        },
      ],
    },
    {
      name: 'exports.pool = pool',
      code: `const pg = require('pg');
const pool = new pg.Pool();
exports.pool = pool;`,
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [
        {
          messageId: 'client',
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: 'useProxy',
              output: `const pg = require('pg');
const { perProcessProxy } = require('eslint-plugin-fork-safe/runtime');
const pool = perProcessProxy(() => new pg.Pool(), { dispose: (client) => client.end() });
exports.pool = pool;`,
            },
          ],
        },
      ],
    },
  ],
});
