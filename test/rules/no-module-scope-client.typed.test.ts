import { fileURLToPath } from 'node:url';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageId, type Options } from '../../rules/no-module-scope-client.js';
import type { RuleTesterConfig } from '@typescript-eslint/rule-tester';
import { runRuleTests } from './rule-tester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageId, Options>;

/**
 * typeAware mode on the fixture project (its tsconfig brings @types/node). Every case lints the
 * project's own src/app.ts with the case's code in place of the file's text, so the project service
 * finds the file in the project without a file per case. The service starts once (a few seconds);
 * keep these cases few.
 */
const tsconfigRootDir = fileURLToPath(new URL('../fixtures/typed-project', import.meta.url));
const filename = 'src/app.ts';
const testerConfig: RuleTesterConfig = {
  languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.ts'] }, tsconfigRootDir } },
};

const typeAware: Options = [{ typeAware: true }];
const importPerProcess = "import { perProcess } from 'eslint-plugin-fork-safe/runtime';";

const valid: Valid[] = [
  {
    name: "a Node core module's namespace object is not a created client (require('net') in every package)",
    filename,
    options: typeAware,
    code: `const net = process.getBuiltinModule('node:net');
const http = process.getBuiltinModule('node:http');
export const modules = { net, http };`,
  },
  {
    name: 'a class whose fields hold nothing socket-like',
    filename,
    options: typeAware,
    code: `class Cache {
  readonly entries = new Map<string, string>();
  readonly created = new Date();
}
export const cache = new Cache();`,
  },
  {
    name: 'process, requests and servers at load reach sockets but are not clients',
    filename,
    options: typeAware,
    code: `import http from 'node:http';
import net from 'node:net';
process.on('SIGTERM', () => process.exit(0));
http.get('http://localhost/health', (res) => res.resume());
export const server = http.createServer((req, res) => res.end());
export const tcp = net.createServer();`,
  },
  {
    name: 'a socket three levels deep is beyond the search',
    filename,
    options: typeAware,
    code: `import type { Socket } from 'node:net';
declare function createExporter(): { transport: { connection: { socket: Socket } } };
export const exporter = createExporter();`,
  },
  {
    name: "an options object whose agent option may be handed in (got's Options): optional below the top level",
    filename,
    options: typeAware,
    code: `import type { Agent } from 'node:http';
class Options {
  agent: { http?: Agent; https?: Agent } = {};
  timeout?: number;
}
export const defaults = new Options();`,
  },
  {
    name: "a settable member holds what a caller sets (got's Options.h2session): an option, not owned",
    filename,
    options: typeAware,
    code: `import type { ClientHttp2Session } from 'node:http2';
declare class Options {
  get h2session(): ClientHttp2Session | undefined;
  set h2session(value: ClientHttp2Session | undefined);
}
export const defaults = new Options();`,
  },
  {
    name: 'a user type without clientTypes naming it',
    filename,
    options: typeAware,
    code: `class MyTransport {
  send(body: string): string {
    return body;
  }
}
export const transport = new MyTransport();`,
  },
];

const invalid: Invalid[] = [
  {
    name: 'a class whose field is an http.Agent, instantiated at load: the instantiation is reported and fixed',
    filename,
    options: typeAware,
    code: `import { Agent } from 'node:http';
class TelemetryTransport {
  readonly agent = new Agent({ keepAlive: true });
  send(body: string): string {
    return body;
  }
}
const transport = new TelemetryTransport();
export const send = (body: string) => transport.send(body);`,
    // Once the singleton is created lazily, its field no longer runs at load either.
    output: `import { Agent } from 'node:http';
${importPerProcess}
class TelemetryTransport {
  readonly agent = new Agent({ keepAlive: true });
  send(body: string): string {
    return body;
  }
}
const transport = perProcess(() => new TelemetryTransport());
export const send = (body: string) => transport.get().send(body);`,
    errors: [
      {
        messageId: 'clientInInstance',
        data: { name: 'new Agent()', by: 'new TelemetryTransport()', line: '8' },
        line: 3,
        column: 20,
      },
      { messageId: 'client', data: { name: 'new TelemetryTransport()' }, line: 8, column: 19 },
    ],
  },
  {
    name: 'an optional agent member at the top level (a class declared elsewhere that creates it lazily) still counts',
    filename,
    options: typeAware,
    code: `import type { Agent } from 'node:https';
declare class Transport {
  private agent?: Agent;
  send(body: string): string;
}
const transport = new Transport();
export const send = (body: string) => transport.send(body);`,
    output: `import type { Agent } from 'node:https';
${importPerProcess}
declare class Transport {
  private agent?: Agent;
  send(body: string): string;
}
const transport = perProcess(() => new Transport());
export const send = (body: string) => transport.get().send(body);`,
    errors: [{ messageId: 'client', data: { name: 'new Transport()' }, line: 6, column: 19 }],
  },
  {
    name: 'a factory no table lists, declared in the file, returning an object that holds a net.Socket two levels deep',
    filename,
    options: typeAware,
    code: `import type { Socket } from 'node:net';
declare function createExporter(url: string): { transport: { socket: Socket }; flush(): void };
export const exporter = createExporter('tcp://collector:4317');`,
    errors: [
      {
        messageId: 'client',
        data: { name: 'createExporter()' },
        line: 3,
        column: 25,
        suggestions: [
          {
            messageId: 'useProxy',
            output: `import type { Socket } from 'node:net';
import { perProcessProxy } from 'eslint-plugin-fork-safe/runtime';
declare function createExporter(url: string): { transport: { socket: Socket }; flush(): void };
export const exporter = perProcessProxy(() => createExporter('tcp://collector:4317'));`,
          },
        ],
      },
    ],
  },
  {
    name: "clientTypes: ['MyTransport'] names a user type",
    filename,
    options: [{ typeAware: true, clientTypes: ['MyTransport'] }],
    code: `class MyTransport {
  send(body: string): string {
    return body;
  }
}
const transport = new MyTransport();
export const send = (body: string) => transport.send(body);`,
    output: `${importPerProcess}
class MyTransport {
  send(body: string): string {
    return body;
  }
}
const transport = perProcess(() => new MyTransport());
export const send = (body: string) => transport.get().send(body);`,
    errors: [{ messageId: 'client', data: { name: 'new MyTransport()' }, line: 6, column: 19 }],
  },
];

runRuleTests('no-module-scope-client (typed)', rule, { valid, invalid }, testerConfig);
