// A client whose only use is to be handed, at load, to the call that creates another binding: the two
// are one resource, so the outer construction is reported and the suggestion creates both together.
import rule from '../../rules/no-module-scope-client.js';
import { runRuleTests } from './rule-tester.js';

runRuleTests('no-module-scope-client (a client handed over at load)', rule, {
  valid: [],
  invalid: [
    {
      name: 'handed to a wrapper no table lists: the outer construction is reported, wrap-whole suggested',
      code: `import postgres from 'postgres';
import { createOrm } from 'my-orm';
const sql = postgres(process.env.DATABASE_URL);
const db = createOrm(sql, { schema });
export async function users() { return db.select('users'); }`,
      errors: [
        {
          messageId: 'escaping',
          line: 4,
          column: 12,
          suggestions: [
            {
              messageId: 'wrapWhole',
              output: `import postgres from 'postgres';
import { createOrm } from 'my-orm';
import { perProcess } from 'eslint-plugin-fork-safe/runtime';
const db = perProcess(() => createOrm(postgres(process.env.DATABASE_URL), { schema }));
export async function users() { return db.get().select('users'); }`,
            },
          ],
        },
      ],
    },
    {
      name: 'handed to a call whose result is not kept: reported at the creation, with the .get() suggestion',
      code: `import { Pool } from 'pg';
const pool = new Pool();
registerHealthCheck(pool);`,
      errors: [
        {
          messageId: 'client',
          line: 2,
          column: 14,
          suggestions: [
            {
              messageId: 'usePerProcess',
              data: {
                atLoadNote:
                  '; uses at load now create the client there, and what they do reaches that first client only',
              },
              output: `import { Pool } from 'pg';
import { perProcess } from 'eslint-plugin-fork-safe/runtime';
const pool = perProcess(() => new Pool(), { dispose: (client) => client.end() });
registerHealthCheck(pool.get());`,
            },
          ],
        },
      ],
    },
  ],
});
