import { fileURLToPath } from 'node:url';
import rule from '../../rules/no-cached-handle.js';
import type { RuleTesterConfig } from '@typescript-eslint/rule-tester';
import { runRuleTests } from './rule-tester.js';

/**
 * typeAware mode on the fixture project (its tsconfig brings @types/node): a copied member whose type
 * holds sockets is a live resource, wherever it is read from. The cases lint the project's own
 * src/app.ts with the case's code in its place; the project service starts once, so keep them few.
 */
const tsconfigRootDir = fileURLToPath(new URL('../fixtures/typed-project', import.meta.url));
const filename = 'src/app.ts';
const testerConfig: RuleTesterConfig = {
  languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.ts'] }, tsconfigRootDir } },
};

const transport = `import { Agent } from 'node:http';

interface Transport {
  readonly agent: Agent;
  readonly name: string;
}
`;

runRuleTests(
  'no-cached-handle (typeAware)',
  rule,
  {
    valid: [
      {
        name: 'a copied string member is data, even from the same object',
        filename,
        options: [{ typeAware: true }],
        code: `${transport}
export class Client {
  private readonly label: string;
  constructor(private readonly transport: Transport) {
    this.label = this.transport.name;
  }
}
`,
      },
      {
        name: 'without typeAware, a member of an unknown object is not followed',
        filename,
        code: `${transport}
export class Client {
  private readonly agent: Agent;
  constructor(private readonly transport: Transport) {
    this.agent = this.transport.agent;
  }
}
`,
      },
    ],
    invalid: [
      {
        name: 'a copied member whose type is an http.Agent becomes a getter that reads through',
        filename,
        options: [{ typeAware: true }],
        code: `${transport}
export class Client {
  private readonly agent: Agent;
  private readonly label: string;

  constructor(private readonly transport: Transport) {
    this.agent = this.transport.agent;
    this.label = this.transport.name;
  }
}
`,
        output: `${transport}
export class Client {
  private get agent(): Agent {
    return this.transport.agent;
  }
  private readonly label: string;

  constructor(private readonly transport: Transport) {
    this.label = this.transport.name;
  }
}
`,
        errors: [{ messageId: 'cached', line: 13, column: 5 }],
      },
    ],
  },
  testerConfig,
);
