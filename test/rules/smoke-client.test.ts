import rule from '../../rules/no-module-scope-client.js';
import { createRuleTester } from './rule-tester.js';
const ruleTester = createRuleTester();
ruleTester.run('no-module-scope-client smoke', rule, {
  valid: ["import { Pool } from 'pg';\nexport function handler() { const pool = new Pool(); return pool.query('x'); }"],
  invalid: [
    {
      code: "import { Pool } from 'pg';\nconst pool = new Pool({ max: 5 });\nexport async function users() { return pool.query('select 1'); }",
      output: "import { Pool } from 'pg';\nimport { perProcess } from 'eslint-plugin-fork-safe/runtime';\nconst pool = perProcess(() => new Pool({ max: 5 }), { dispose: (client) => client.end() });\nexport async function users() { return pool.get().query('select 1'); }",
      errors: [{ messageId: 'client', line: 2, column: 14 }],
    },
    {
      code: "import { PrismaClient } from '@prisma/client';\nconst prisma = globalThis.prisma ?? new PrismaClient();\nif (process.env.NODE_ENV !== 'production') globalThis.prisma = prisma;\nexport const getUser = (id) => prisma.user.find(id);",
      output: "import { PrismaClient } from '@prisma/client';\nimport { perProcess } from 'eslint-plugin-fork-safe/runtime';\nconst prisma = perProcess(() => new PrismaClient(), { scope: 'globalThis', key: 'prisma', dispose: (client) => client.$disconnect() });\nexport const getUser = (id) => prisma.get().user.find(id);",
      errors: [{ messageId: 'client', line: 2, column: 37 }],
    },
  ],
});
